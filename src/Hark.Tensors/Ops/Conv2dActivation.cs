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
        if (!float.IsFinite(negativeSlope))
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, $"Conv2dActivation: the negative slope must be finite; got {negativeSlope} for input {ShapeException.Format(input.Shape)}");
        if (Graph.NeedsGrad(input, weight, bias))
            return LeakyRelu(Conv2d(input, weight, bias, stride, padding, dilation, groups), negativeSlope);
        var geometry = CheckedConv2dGeometry("Conv2dActivation", input, weight, bias, stride, padding, dilation, groups);
        var output = Tensor.Empty([geometry.Batch, geometry.OutChannels, geometry.OutHeight, geometry.OutWidth], input.Device);
        input.Backend.Conv2dForward(input, weight, bias, output, geometry, negativeSlope);
        return output;
    }
}
