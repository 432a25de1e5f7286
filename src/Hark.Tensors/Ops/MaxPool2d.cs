using Hark.Tensors.Autograd;
using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>torch.nn.functional.max_pool2d (ceil_mode false, dilation 1): [N, C, H, W] or [C, H, W] -> [.., OH, OW]; padding reads as -inf.</summary>
    public static Tensor MaxPool2d(Tensor input, (int Height, int Width) kernelSize, (int Height, int Width) stride, (int Height, int Width) padding)
    {
        var windows = FixedWindows("MaxPool2d", input, kernelSize, stride, padding);
        return MaxPool(input, windows, "MaxPool2d");
    }

    /// <summary>MaxPool2d with square windows; stride defaults to the kernel size as in PyTorch.</summary>
    public static Tensor MaxPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0) =>
        MaxPool2d(input, (kernelSize, kernelSize), (stride ?? kernelSize, stride ?? kernelSize), (padding, padding));

    private static Tensor MaxPool(Tensor input, PoolWindows windows, string op)
    {
        var output = Tensor.Empty(PooledShape(op, input, windows.OutHeight, windows.OutWidth), input.Device);
        var backend = input.Backend;
        backend.MaxPool2dForward(input, output, windows);
        Graph.Record(output, op.ToLowerInvariant(), [input], (dOutput, grads) =>
        {
            if (!grads.Wants(0)) return;
            var first = grads.FirstWriteBuffer(0);
            backend.MaxPool2dBackward(input, dOutput, first ?? grads.Buffer(0), windows, accumulate: first is null);
        });
        return output;
    }
}
