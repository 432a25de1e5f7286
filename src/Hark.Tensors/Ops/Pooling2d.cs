using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>Checks a pooling input is [N, C, H, W] or [C, H, W] and gives the output shape for an output plane of (height, width).</summary>
    private static int[] PooledShape(string op, Tensor input, int height, int width)
    {
        ShapeException.Check(input.Rank is 3 or 4 && input.Shape[^1] > 0 && input.Shape[^2] > 0, op, "input [N, C, H, W] or [C, H, W] with H, W > 0", input);
        ShapeException.Check(height > 0 && width > 0, op, $"a positive output size; the window gives {height}x{width}", input);
        var shape = input.Shape.ToArray();
        shape[^2] = height;
        shape[^1] = width;
        return shape;
    }

    private static PoolWindows FixedWindows(string op, Tensor input, (int Height, int Width) kernelSize, (int Height, int Width) stride,
        (int Height, int Width) padding)
    {
        if (kernelSize.Height < 1 || kernelSize.Width < 1 || stride.Height < 1 || stride.Width < 1)
            throw new ArgumentOutOfRangeException(nameof(kernelSize), $"{op}: kernel size and stride must be positive; got kernel {kernelSize}, stride {stride}");
        if (padding.Height < 0 || padding.Width < 0 || padding.Height * 2 > kernelSize.Height || padding.Width * 2 > kernelSize.Width)
            throw new ArgumentOutOfRangeException(nameof(padding), $"{op}: padding must be between 0 and half the kernel size; got padding {padding}, kernel {kernelSize}");
        ShapeException.Check(input.Rank is 3 or 4, op, "input [N, C, H, W] or [C, H, W]", input);
        return PoolWindows.Fixed(input.Shape[^2], input.Shape[^1], kernelSize, stride, padding);
    }
}
