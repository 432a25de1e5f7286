using Hark.Tensors.Autograd;
using Hark.Tensors.Backends;
using Hark.Tensors.Backends.Cpu;
using static Hark.Tensors.Tests.Ops.Numbers;

namespace Hark.Tensors.Tests.Ops;

/// <summary>
/// Ops.Conv2dActivation against LeakyRelu(Conv2d(...)) and Ops.Conv2dActivationMaxPool against MaxPool2d(LeakyRelu(Conv2d(...)), 2):
/// without a graph the activation (and pool) is fused into the convolution's output pass (on oneDNN, in the pass that lays
/// the channel-blocked output out plain), with one they are the separate ops.
/// </summary>
public class Conv2dActivationTests
{
    private const double Atol = 1e-5, Rtol = 1e-5;

    // batch, in channels, height, width, out channels (16 and 32: whole oneDNN channel blocks; 24, 5: a partial last block; 3x3 stride 1: Winograd)
    [Theory]
    [InlineData(2, 3, 13, 11, 16, 0.01f)]
    [InlineData(3, 16, 9, 7, 32, 0f)]
    [InlineData(2, 16, 6, 6, 24, 0.2f)]
    [InlineData(1, 4, 5, 9, 5, 0.01f)]
    public void WithoutAGraphItIsTheConvolutionThenLeakyRelu(int batch, int inChannels, int height, int width, int outChannels, float negativeSlope)
    {
        var random = new Generator(21);
        var x = new Tensor(new CpuStorage(Gaussian(random, batch * inChannels * height * width)), batch, inChannels, height, width);
        var w = new Tensor(new CpuStorage(Gaussian(random, outChannels * inChannels * 9)), outChannels, inChannels, 3, 3);
        var b = new Tensor(new CpuStorage(Gaussian(random, outChannels)), outChannels);
        using var _ = Graph.NoGrad();
        foreach (var bias in new[] { b, null })
        {
            var expected = Tensors.Ops.LeakyRelu(Tensors.Ops.Conv2d(x, w, bias, padding: 1), negativeSlope);
            var actual = Tensors.Ops.Conv2dActivation(x, w, bias, (1, 1), (1, 1), (1, 1), 1, negativeSlope);
            Assert.Equal(expected.Shape, actual.Shape);
            AssertClose(expected.ToArray(), actual.ToArray(), Atol, Rtol, $"bias {bias is not null}");

            var expectedPooled = Tensors.Ops.MaxPool2d(expected, 2);
            var pooled = Tensors.Ops.Conv2dActivationMaxPool(x, w, bias, (1, 1), (1, 1), (1, 1), 1, negativeSlope);
            Assert.Equal(expectedPooled.Shape, pooled.Shape);
            AssertClose(expectedPooled.ToArray(), pooled.ToArray(), Atol, Rtol, $"pooled, bias {bias is not null}");
        }
    }

    [Fact]
    public void ANegativeSlopeActivatesBeforeThePool()
    {
        var random = new Generator(22);
        var x = new Tensor(new CpuStorage(Gaussian(random, 2 * 16 * 7 * 9)), 2, 16, 7, 9);
        var w = new Tensor(new CpuStorage(Gaussian(random, 16 * 16 * 9)), 16, 16, 3, 3);
        using var _ = Graph.NoGrad();
        var expected = Tensors.Ops.MaxPool2d(Tensors.Ops.LeakyRelu(Tensors.Ops.Conv2d(x, w, null, padding: 1), -0.5f), 2);
        var pooled = Tensors.Ops.Conv2dActivationMaxPool(x, w, null, (1, 1), (1, 1), (1, 1), 1, -0.5f);
        AssertClose(expected.ToArray(), pooled.ToArray(), Atol, Rtol, "pooled");
    }

    [Fact]
    public void APoolOfAConvolutionOutputUnder2x2IsRefusedWithTheShapes()
    {
        using var _ = Graph.NoGrad();
        var e = Assert.Throws<ShapeException>(() => Tensors.Ops.Conv2dActivationMaxPool(Tensor.Zeros(1, 2, 3, 5), Tensor.Zeros(4, 2, 3, 3), null, (1, 1), (0, 0), (1, 1), 1, 0f));
        Assert.Contains("1x3", e.Message);
    }

    [Fact]
    public void WithAGraphItRecordsTheConvolutionActivationAndPool()
    {
        foreach (bool pooled in new[] { false, true })
        {
            var expected = Run(fused: false, pooled);
            var actual = Run(fused: true, pooled);
            Assert.Equal(expected.Output, actual.Output);
            Assert.Equal(expected.DInput, actual.DInput);
            Assert.Equal(expected.DWeight, actual.DWeight);
        }

        static (float[] Output, float[] DInput, float[] DWeight) Run(bool fused, bool pooled)
        {
            var random = new Generator(4);
            var x = Leaf(random, 2, 3, 6, 5);
            var w = Leaf(random, 4, 3, 3, 3);
            var y = (fused, pooled) switch
            {
                (true, false) => Tensors.Ops.Conv2dActivation(x, w, null, (1, 1), (1, 1), (1, 1), 1, 0.1f),
                (true, true) => Tensors.Ops.Conv2dActivationMaxPool(x, w, null, (1, 1), (1, 1), (1, 1), 1, 0.1f),
                (false, false) => Tensors.Ops.LeakyRelu(Tensors.Ops.Conv2d(x, w, null, padding: 1), 0.1f),
                (false, true) => Tensors.Ops.MaxPool2d(Tensors.Ops.LeakyRelu(Tensors.Ops.Conv2d(x, w, null, padding: 1), 0.1f), 2),
            };
            Tensors.Ops.Sum(Tensors.Ops.Mul(y, y)).Backward();
            return (y.ToArray(), x.Grad!.ToArray(), w.Grad!.ToArray());
        }
    }

    [Fact]
    public void ANonFiniteSlopeIsRefusedWithTheInputShape()
    {
        var x = Tensor.Zeros(1, 2, 4, 4);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Tensors.Ops.Conv2dActivation(x, Tensor.Zeros(3, 2, 3, 3), null, (1, 1), (0, 0), (1, 1), 1, float.NaN));
        Assert.Contains("[1, 2, 4, 4]", e.Message);
    }

    [Theory]
    [InlineData(16, 1, 1, 0f)]
    [InlineData(16, 2, 37, 0.01f)]
    [InlineData(16, 33, 13, 0.2f)]
    [InlineData(8, 5, 7, 0.01f)]
    [InlineData(8, 19, 4, 0f)]
    [InlineData(16, 24, 3, -0.5f)]
    [InlineData(16, 17, 150, 0.01f)]
    public unsafe void ChannelBlockedOutputIsLaidOutPlainAndActivatedAsTheReferenceDoes(int block, int channels, int plane, float negativeSlope)
    {
        const int batch = 3;
        int blocks = (channels + block - 1) / block;
        var blocked = Gaussian(new Generator(8), batch * blocks * plane * block);
        var expected = new float[batch * channels * plane];
        ChannelBlockedLayout.ReferenceToPlainActivated(blocked, expected, batch, channels, plane, block, negativeSlope);
        var actual = new float[expected.Length];
        fixed (float* source = blocked)
            ChannelBlockedLayout.ToPlainActivated(source, actual, batch, channels, plane, block, negativeSlope);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(16, 1, 2, 2, 0f)]
    [InlineData(16, 2, 7, 13, 0.01f)]
    [InlineData(16, 33, 9, 10, 0.2f)]
    [InlineData(8, 5, 6, 37, 0.01f)]
    [InlineData(8, 19, 3, 9, 0f)]
    [InlineData(16, 16, 4, 141, 0.01f)]
    public unsafe void ChannelBlockedOutputIsMaxPooledLaidOutPlainAndActivatedAsTheReferenceDoes(int block, int channels, int height, int width, float negativeSlope)
    {
        const int batch = 2;
        int blocks = (channels + block - 1) / block;
        var blocked = Gaussian(new Generator(9), batch * blocks * height * width * block);
        var expected = new float[batch * channels * (height / 2) * (width / 2)];
        ChannelBlockedLayout.ReferenceToPlainActivatedMaxPooled(blocked, expected, batch, channels, height, width, block, negativeSlope);
        var actual = new float[expected.Length];
        fixed (float* source = blocked)
            ChannelBlockedLayout.ToPlainActivatedMaxPooled(source, actual, batch, channels, height, width, block, negativeSlope);
        Assert.Equal(expected, actual);
    }
}
