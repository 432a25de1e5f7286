using Hark.Tensors.Autograd;
using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>
    /// 2-D convolution like torch.nn.functional.conv2d.
    /// input [N, Cin, H, W], weight [Cout, Cin / groups, kH, kW], bias [Cout] or null -> [N, Cout, OH, OW].
    /// </summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, (int Height, int Width) stride, (int Height, int Width) padding,
        (int Height, int Width) dilation, int groups)
    {
        var geometry = CheckedConv2dGeometry("Conv2d", input, weight, bias, stride, padding, dilation, groups);
        var output = Tensor.Empty([geometry.Batch, geometry.OutChannels, geometry.OutHeight, geometry.OutWidth], input.Device);
        var backend = input.Backend;
        backend.Conv2dForward(input, weight, bias, output, geometry);
        Graph.Record(output, "conv2d", bias is null ? [input, weight] : [input, weight, bias], (dOutput, grads) =>
        {
            var firstInput = grads.Wants(0) ? grads.FirstWriteBuffer(0) : null;
            backend.Conv2dBackward(input, weight, dOutput,
                firstInput ?? (grads.Wants(0) ? grads.Buffer(0) : null), accumulateInput: firstInput is null,
                grads.Wants(1) ? grads.Buffer(1) : null,
                bias is not null && grads.Wants(2) ? grads.Buffer(2) : null, geometry);
        });
        return output;
    }

    /// <summary>Conv2d with square stride, padding and dilation, defaults as in PyTorch.</summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1, int groups = 1) =>
        Conv2d(input, weight, bias, (stride, stride), (padding, padding), (dilation, dilation), groups);

    /// <summary>The geometry of a convolution of these tensors, after checking that they fit one another and the arguments.</summary>
    private static Conv2dGeometry CheckedConv2dGeometry(string op, Tensor input, Tensor weight, Tensor? bias, (int Height, int Width) stride,
        (int Height, int Width) padding, (int Height, int Width) dilation, int groups)
    {
        ShapeException.SameDevice(op, bias is null ? [input, weight] : [input, weight, bias]);
        ShapeException.Check(input.Rank == 4 && weight.Rank == 4, op, "input [N, Cin, H, W] and weight [Cout, Cin/groups, kH, kW]", input, weight);
        if (groups < 1 || stride.Height < 1 || stride.Width < 1 || dilation.Height < 1 || dilation.Width < 1 || padding.Height < 0 || padding.Width < 0)
            throw new ArgumentOutOfRangeException(nameof(groups),
                $"{op}: groups, stride and dilation must be positive and padding non-negative; got groups {groups}, stride {stride}, padding {padding}, dilation {dilation}");
        int inChannels = input.Shape[1], outChannels = weight.Shape[0];
        ShapeException.Check(inChannels % groups == 0 && outChannels % groups == 0 && weight.Shape[1] * groups == inChannels, op,
            $"input channels = weight.Shape[1] x groups ({groups}) and output channels divisible by groups", input, weight);
        if (bias is not null)
            ShapeException.Check(bias.Rank == 1 && bias.Shape[0] == outChannels, op, $"bias [{outChannels}]", input, weight, bias);
        var geometry = new Conv2dGeometry(input.Shape[0], inChannels, input.Shape[2], input.Shape[3], outChannels, weight.Shape[2], weight.Shape[3],
            stride.Height, stride.Width, padding.Height, padding.Width, dilation.Height, dilation.Width, groups);
        ShapeException.Check(geometry.OutHeight > 0 && geometry.OutWidth > 0, op,
            $"an input at least as large as the dilated kernel after padding {padding}", input, weight);
        return geometry;
    }
}
