using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>
    /// torch.nn.functional.adaptive_max_pool2d (values only): [N, C, H, W] or [C, H, W] -> [.., outH, outW].
    /// outputSize (1, 1) is global max pooling.
    /// </summary>
    public static Tensor AdaptiveMaxPool2d(Tensor input, (int Height, int Width) outputSize)
    {
        PooledShape("AdaptiveMaxPool2d", input, outputSize.Height, outputSize.Width);
        return MaxPool(input, PoolWindows.Adaptive(input.Shape[^2], input.Shape[^1], outputSize), "AdaptiveMaxPool2d");
    }

    public static Tensor AdaptiveMaxPool2d(Tensor input, int outputSize) => AdaptiveMaxPool2d(input, (outputSize, outputSize));
}
