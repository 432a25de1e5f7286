using Hark.Tensors.Autograd;
using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>torch.nn.functional.avg_pool2d (ceil_mode false, count_include_pad true): [N, C, H, W] or [C, H, W] -> [.., OH, OW].</summary>
    public static Tensor AvgPool2d(Tensor input, (int Height, int Width) kernelSize, (int Height, int Width) stride, (int Height, int Width) padding)
    {
        var windows = FixedWindows("AvgPool2d", input, kernelSize, stride, padding);
        return AvgPool(input, windows, "AvgPool2d");
    }

    /// <summary>AvgPool2d with square windows; stride defaults to the kernel size as in PyTorch.</summary>
    public static Tensor AvgPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0) =>
        AvgPool2d(input, (kernelSize, kernelSize), (stride ?? kernelSize, stride ?? kernelSize), (padding, padding));

    private static Tensor AvgPool(Tensor input, PoolWindows windows, string op)
    {
        var output = Tensor.Empty(PooledShape(op, input, windows.OutHeight, windows.OutWidth), input.Device);
        var backend = input.Backend;
        backend.AvgPool2dForward(input, output, windows);
        Graph.Record(output, op.ToLowerInvariant(), [input], (dOutput, grads) =>
        {
            if (grads.Wants(0)) backend.AvgPool2dBackward(dOutput, grads.Buffer(0), windows);
        });
        return output;
    }
}
