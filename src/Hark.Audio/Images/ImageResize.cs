using Hark.Tensors;

namespace Hark.Audio.Images;

/// <summary>
/// Resizes [channels, height, width] float images like torch.nn.functional.interpolate(mode="bilinear",
/// align_corners=False), with or without antialiasing (see <see cref="ResizeFilter"/>). Separable: each output
/// column (then row) is a weighted sum of a few input columns (rows); the width is resampled first, as torch does.
/// </summary>
public static class ImageResize
{
    public static Tensor Resize(Tensor image, int height, int width, ResizeFilter filter = ResizeFilter.BilinearAntialiased)
    {
        ArgumentNullException.ThrowIfNull(image);
        ShapeException.Check(image.Rank == 3, "ImageResize.Resize", "an image [channels, height, width]", image);
        if (height <= 0 || width <= 0)
            throw new ArgumentOutOfRangeException(nameof(height), $"ImageResize.Resize: output size must be positive; got {height}x{width}");
        int channels = image.Shape[0], inHeight = image.Shape[1], inWidth = image.Shape[2];
        var columns = Weights(inWidth, width, filter);
        var rows = Weights(inHeight, height, filter);
        var source = image.ToArray();
        var horizontal = new float[channels * inHeight * width];
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < inHeight; y++)
            {
                var inRow = source.AsSpan((c * inHeight + y) * inWidth, inWidth);
                var outRow = horizontal.AsSpan((c * inHeight + y) * width, width);
                for (int x = 0; x < width; x++) outRow[x] = Dot(columns[x], inRow, 1);
            }
        var output = new float[channels * height * width];
        for (int c = 0; c < channels; c++)
        {
            var plane = horizontal.AsSpan(c * inHeight * width, inHeight * width);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    output[(c * height + y) * width + x] = Dot(rows[y], plane[x..], width);
        }
        return Tensor.FromArray(output, channels, height, width);
    }

    /// <summary>The input taps of one output position: the first input index and the weight of each tap.</summary>
    internal readonly record struct Taps(int Start, float[] Weights);

    private static float Dot(Taps taps, ReadOnlySpan<float> line, int stride)
    {
        float sum = 0f;
        for (int k = 0; k < taps.Weights.Length; k++) sum += taps.Weights[k] * line[(taps.Start + k) * stride];
        return sum;
    }

    internal static Taps[] Weights(int inSize, int outSize, ResizeFilter filter)
    {
        float scale = (float)inSize / outSize;
        var taps = new Taps[outSize];
        for (int i = 0; i < outSize; i++)
            taps[i] = filter == ResizeFilter.Bilinear ? TwoTap(i, scale, inSize) : Triangle(i, scale, inSize);
        return taps;
    }

    // aten upsample_bilinear2d: source = (i + 0.5) * scale - 0.5 clamped at 0, blending floor(source) and the next pixel.
    private static Taps TwoTap(int i, float scale, int inSize)
    {
        float source = Math.Max((i + 0.5f) * scale - 0.5f, 0f);
        int first = Math.Min((int)source, inSize - 1);
        float lambda = Math.Min(source - first, 1f);
        return first < inSize - 1 ? new Taps(first, [1f - lambda, lambda]) : new Taps(first, [1f]);
    }

    // aten _upsample_bilinear2d_aa (PIL's resampling scheme): a triangle filter of support max(scale, 1), normalised.
    private static Taps Triangle(int i, float scale, int inSize)
    {
        double support = scale >= 1 ? scale : 1.0, inverse = scale >= 1 ? 1.0 / scale : 1.0;
        double center = scale * (i + 0.5);
        int start = Math.Max((int)(center - support + 0.5), 0);
        int count = Math.Min((int)(center + support + 0.5), inSize) - start;
        var weights = new double[count];
        double total = 0;
        for (int k = 0; k < count; k++)
        {
            double w = 1 - Math.Abs((k + start - center + 0.5) * inverse);
            weights[k] = w > 0 ? w : 0;
            total += weights[k];
        }
        return new Taps(start, weights.Select(w => total != 0 ? (float)(w / total) : 0f).ToArray());
    }
}
