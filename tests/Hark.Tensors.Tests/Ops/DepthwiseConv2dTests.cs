using Hark.Tensors.Backends;
using Hark.Tensors.Backends.Cpu;
using Hark.Tensors.Backends.Cpu.Reference;
using Hark.Tensors.Tests.Testing;
using static Hark.Tensors.Tests.Ops.Numbers;

namespace Hark.Tensors.Tests.Ops;

/// <summary>
/// The direct depthwise kernel against the float64 reference convolution over odd sizes, strides, paddings and
/// dilations (every column range a tap can clip), and Ops.Conv2d with groups = channels against finite differences.
/// </summary>
public class DepthwiseConv2dTests
{
    private const double Atol = 1e-5, Rtol = 1e-4;

    public static TheoryData<int, int, int, int, int, int> Geometries()
    {
        var cases = new TheoryData<int, int, int, int, int, int>();
        foreach (int width in new[] { 1, 2, 3, 5, 8, 13, 33 })
            foreach (int kernel in new[] { 1, 3, 5 })
                foreach (int stride in new[] { 1, 2 })
                    foreach (int padding in new[] { 0, kernel / 2 }.Distinct())
                        foreach (int dilation in new[] { 1, 2 })
                            if ((width + 2 * padding - dilation * (kernel - 1) - 1) >= 0)
                                cases.Add(width, kernel, stride, padding, dilation, 7);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void ForwardAndBackwardMatchTheReference(int width, int kernel, int stride, int padding, int dilation, int height)
    {
        var g = new Conv2dGeometry(2, 3, height, width, 3, kernel, kernel, stride, stride, padding, padding, dilation, dilation, 3);
        if (g.OutHeight <= 0 || g.OutWidth <= 0) return;
        var random = new Generator(5);
        var input = Gaussian(random, g.Batch * g.InChannels * height * width);
        var weight = Gaussian(random, g.OutChannels * kernel * kernel);
        var bias = Gaussian(random, g.OutChannels);
        var dOutput = Gaussian(random, g.Batch * g.OutChannels * g.OutHeight * g.OutWidth);

        var expected = new double[dOutput.Length];
        ReferenceConv2d.Forward<double>(ToDouble(input), ToDouble(weight), ToDouble(bias), expected, g);
        var output = new float[dOutput.Length];
        DepthwiseConv2d.Forward(input, weight, bias, output, g);
        AssertClose(expected, output, Atol, Rtol, $"forward {g}");

        var dInputStart = Gaussian(random, input.Length);
        double[] dInputRef = ToDouble(dInputStart), dWeightRef = new double[weight.Length], dBiasRef = new double[bias.Length];
        ReferenceConv2d.Backward<double>(ToDouble(input), ToDouble(weight), ToDouble(dOutput), dInputRef, dWeightRef, dBiasRef, g);
        float[] dInput = (float[])dInputStart.Clone(), dWeight = new float[weight.Length], dBias = new float[bias.Length];
        DepthwiseConv2d.Backward(input, weight, dOutput, dInput, accumulateInput: true, dWeight, dBias, g);
        AssertClose(dInputRef, dInput, Atol, Rtol, $"dInput {g}");
        AssertClose(dWeightRef, dWeight, Atol, Rtol, $"dWeight {g}");
        AssertClose(dBiasRef, dBias, Atol, Rtol, $"dBias {g}");

        var overwritten = Enumerable.Repeat(float.NaN, input.Length).ToArray();
        var dInputOnlyRef = new double[input.Length];
        ReferenceConv2d.Backward<double>(ToDouble(input), ToDouble(weight), ToDouble(dOutput), dInputOnlyRef, [], [], g);
        DepthwiseConv2d.Backward(input, weight, dOutput, overwritten, accumulateInput: false, null, null, g);
        AssertClose(dInputOnlyRef, overwritten, Atol, Rtol, $"dInput first write {g}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void DepthwiseConv2dGradientsMatchFiniteDifferences(int stride)
    {
        var random = new Generator(9);
        GradCheck.CheckOp(x => Tensors.Ops.Conv2d(x[0], x[1], x[2], stride: stride, padding: 1, groups: 4),
            [Leaf(random, 2, 4, 5, 6), Leaf(random, 4, 1, 3, 3), Leaf(random, 4)], what: $"depthwise conv2d stride {stride}");
    }
}
