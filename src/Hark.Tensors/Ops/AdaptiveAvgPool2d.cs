using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>
    /// torch.nn.functional.adaptive_avg_pool2d: [N, C, H, W] or [C, H, W] -> [.., outH, outW], cell i averaging
    /// [floor(i*H/outH), ceil((i+1)*H/outH)). outputSize (1, 1) is global average pooling.
    /// </summary>
    public static Tensor AdaptiveAvgPool2d(Tensor input, (int Height, int Width) outputSize)
    {
        PooledShape("AdaptiveAvgPool2d", input, outputSize.Height, outputSize.Width);
        return AvgPool(input, PoolWindows.Adaptive(input.Shape[^2], input.Shape[^1], outputSize), "AdaptiveAvgPool2d");
    }

    public static Tensor AdaptiveAvgPool2d(Tensor input, int outputSize) => AdaptiveAvgPool2d(input, (outputSize, outputSize));
}
