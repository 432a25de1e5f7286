using Hark.Tensors.Autograd;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>
    /// LeakyRelu(Conv2d(...), negativeSlope) (negativeSlope 0: Relu) in one op where no gradient is wanted: the backend
    /// applies the activation as it writes the convolution's output, so the unactivated tensor is never stored or read
    /// again. Where recording is on and an input requires a gradient it is the two ops (the same numbers up to rounding).
    /// input [N, Cin, H, W], weight [Cout, Cin / groups, kH, kW], bias [Cout] or null -> [N, Cout, OH, OW].
    /// </summary>
    public static Tensor Conv2dActivation(Tensor input, Tensor weight, Tensor? bias, (int Height, int Width) stride, (int Height, int Width) padding,
        (int Height, int Width) dilation, int groups, float negativeSlope)
    {
        CheckSlope("Conv2dActivation", negativeSlope, input);
        if (Graph.NeedsGrad(input, weight, bias))
            return LeakyRelu(Conv2d(input, weight, bias, stride, padding, dilation, groups), negativeSlope);
        var geometry = CheckedConv2dGeometry("Conv2dActivation", input, weight, bias, stride, padding, dilation, groups);
        var output = Tensor.Empty([geometry.Batch, geometry.OutChannels, geometry.OutHeight, geometry.OutWidth], input.Device);
        input.Backend.Conv2dForward(input, weight, bias, output, geometry, negativeSlope);
        return output;
    }

    /// <summary>
    /// MaxPool2d(LeakyRelu(Conv2d(...), negativeSlope), 2) in one op where no gradient is wanted: the convolution's
    /// activated output is pooled as it is written, so only the pooled tensor is stored. Where recording is on and an
    /// input requires a gradient it is the three ops. Same arguments as <see cref="Conv2dActivation"/>;
    /// -> [N, Cout, OH / 2, OW / 2] (an odd last row or column of the convolution's OH x OW dropped, as MaxPool2d(2) does).
    /// </summary>
    public static Tensor Conv2dActivationMaxPool(Tensor input, Tensor weight, Tensor? bias, (int Height, int Width) stride, (int Height, int Width) padding,
        (int Height, int Width) dilation, int groups, float negativeSlope)
    {
        const string op = "Conv2dActivationMaxPool";
        CheckSlope(op, negativeSlope, input);
        if (Graph.NeedsGrad(input, weight, bias))
            return MaxPool2d(LeakyRelu(Conv2d(input, weight, bias, stride, padding, dilation, groups), negativeSlope), 2);
        var geometry = CheckedConv2dGeometry(op, input, weight, bias, stride, padding, dilation, groups);
        ShapeException.Check(geometry.OutHeight >= 2 && geometry.OutWidth >= 2, op,
            $"a convolution output of at least 2x2 for the 2x2 pool; the convolution gives {geometry.OutHeight}x{geometry.OutWidth}", input, weight);
        var output = Tensor.Empty([geometry.Batch, geometry.OutChannels, geometry.OutHeight / 2, geometry.OutWidth / 2], input.Device);
        input.Backend.Conv2dActivationMaxPoolForward(input, weight, bias, output, geometry, negativeSlope);
        return output;
    }

    private static void CheckSlope(string op, float negativeSlope, Tensor input)
    {
        if (!float.IsFinite(negativeSlope))
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, $"{op}: the negative slope must be finite; got {negativeSlope} for input {ShapeException.Format(input.Shape)}");
    }
}
