using Hark.Tensors;
using Hark.Tensors.Backends;
using Hark.Tensors.Backends.Cpu;

namespace Hark.Nn.Tests;

/// <summary>The vectorised optimiser kernels do the reference's float32 operations in the same order: identical bits at every length (vector tails included).</summary>
public class OptimizerKernelTests
{
    private static float[] Random(Generator g, int n, float scale = 1) => Enumerable.Range(0, n).Select(_ => scale * (float)g.NextGaussian()).ToArray();

    public static TheoryData<bool, bool, bool> SgdCases => new()
    {
        { false, false, false }, { true, false, true }, { true, true, false }, { true, true, true },
    };

    [Theory]
    [MemberData(nameof(SgdCases))]
    public void SgdVectorizedEqualsReferenceForLengths0To257(bool momentum, bool nesterov, bool firstStep)
    {
        var g = new Generator(11);
        var arguments = new SgdStepArguments(0.05f, momentum ? 0.9f : 0f, nesterov ? 0f : 0.1f, 0.01f, nesterov, Maximize: !firstStep, firstStep);
        for (int n = 0; n <= 257; n++)
        {
            var p = Random(g, n); var grad = Random(g, n); var buffer = Random(g, n);
            var (p2, buffer2) = ((float[])p.Clone(), (float[])buffer.Clone());
            OptimizerKernels.SgdReference(p, grad, momentum ? buffer : default, arguments);
            OptimizerKernels.SgdVectorized(p2, grad, momentum ? buffer2 : default, arguments);
            Assert.Equal(p, p2);
            Assert.Equal(buffer, buffer2);
        }
    }

    [Theory]
    [InlineData(0f, 0.99f)]
    [InlineData(0.1f, 1f)]
    public void AdamVectorizedEqualsReferenceForLengths0To257(float l2, float decoupled)
    {
        var g = new Generator(12);
        var arguments = new AdamStepArguments(0.9f, 0.999f, 1e-8f, l2, decoupled, 0.01f / 0.19f, MathF.Sqrt(0.002f), Maximize: false);
        for (int n = 0; n <= 257; n++)
        {
            var p = Random(g, n); var grad = Random(g, n); var m = Random(g, n, 0.1f);
            var v = Random(g, n, 0.1f).Select(x => x * x).ToArray();
            var (p2, m2, v2) = ((float[])p.Clone(), (float[])m.Clone(), (float[])v.Clone());
            OptimizerKernels.AdamReference(p, grad, m, v, arguments);
            OptimizerKernels.AdamVectorized(p2, grad, m2, v2, arguments);
            Assert.Equal(p, p2);
            Assert.Equal(m, m2);
            Assert.Equal(v, v2);
        }
    }

    [Fact]
    public void EmaVectorizedEqualsReferenceForLengths0To257()
    {
        var g = new Generator(13);
        for (int n = 0; n <= 257; n++)
        {
            var average = Random(g, n); var value = Random(g, n);
            var average2 = (float[])average.Clone();
            OptimizerKernels.EmaReference(average, value, 0.97f);
            OptimizerKernels.EmaVectorized(average2, value, 0.97f);
            Assert.Equal(average, average2);
        }
    }

    [Fact]
    public void MismatchedLengthsNameTheKernel()
    {
        var error = Assert.Throws<ShapeException>(() =>
            OptimizerKernels.AdamVectorized(new float[4], new float[3], new float[4], new float[4], default));
        Assert.Contains("AdamStep", error.Message);
    }
}
