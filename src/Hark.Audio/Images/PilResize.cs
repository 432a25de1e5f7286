namespace Hark.Audio.Images;

/// <summary>
/// PIL's Image.resize(size, Image.BILINEAR) on 8-bit images, bit for bit (Pillow's libImaging/Resample.c): a
/// separable triangle filter whose support widens with the scale when shrinking, weights normalised and turned into
/// 22-bit fixed point, the horizontal pass rounded to 8 bits before the vertical pass. This is what
/// torchvision.transforms.Resize does to PIL images, so pipelines trained on PIL-resized PNGs see the same pixels.
/// </summary>
public static class PilResize
{
    private const int PrecisionBits = 32 - 8 - 2;

    // pixels: height x width x channels bytes, interleaved. Returns outHeight x outWidth x channels.
    public static byte[] Bilinear(ReadOnlySpan<byte> pixels, int height, int width, int channels, int outHeight, int outWidth)
    {
        if (height <= 0 || width <= 0 || channels <= 0 || outHeight <= 0 || outWidth <= 0)
            throw new ArgumentOutOfRangeException(nameof(height),
                $"PilResize.Bilinear: sizes must be positive; got {height}x{width}x{channels} -> {outHeight}x{outWidth}");
        if (pixels.Length != (long)height * width * channels)
            throw new ArgumentException($"PilResize.Bilinear: {pixels.Length} bytes for a {height}x{width}x{channels} image");
        var columns = Coefficients(width, outWidth);
        var rows = Coefficients(height, outHeight);
        var horizontal = new byte[height * outWidth * channels];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < outWidth; x++)
            {
                var (start, weights) = columns[x];
                for (int c = 0; c < channels; c++)
                {
                    int sum = 1 << (PrecisionBits - 1);
                    for (int k = 0; k < weights.Length; k++) sum += pixels[((y * width) + start + k) * channels + c] * weights[k];
                    horizontal[(y * outWidth + x) * channels + c] = Clip8(sum);
                }
            }
        var output = new byte[outHeight * outWidth * channels];
        for (int y = 0; y < outHeight; y++)
        {
            var (start, weights) = rows[y];
            for (int i = 0; i < outWidth * channels; i++)
            {
                int sum = 1 << (PrecisionBits - 1);
                for (int k = 0; k < weights.Length; k++) sum += horizontal[(start + k) * outWidth * channels + i] * weights[k];
                output[y * outWidth * channels + i] = Clip8(sum);
            }
        }
        return output;
    }

    private static byte Clip8(int value) => (byte)Math.Clamp(value >> PrecisionBits, 0, 255);

    // precompute_coeffs + normalize_coeffs_8bpc of Resample.c, for the bilinear (triangle, support 1) filter.
    private static (int Start, int[] Weights)[] Coefficients(int inSize, int outSize)
    {
        double scale = (double)inSize / outSize, filterScale = Math.Max(scale, 1.0);
        double support = filterScale, inverse = 1.0 / filterScale;
        var result = new (int, int[])[outSize];
        for (int i = 0; i < outSize; i++)
        {
            double center = (i + 0.5) * scale;
            int start = Math.Max((int)(center - support + 0.5), 0);
            int count = Math.Min((int)(center + support + 0.5), inSize) - start;
            var weights = new double[count];
            double total = 0;
            for (int k = 0; k < count; k++)
            {
                double x = Math.Abs((k + start - center + 0.5) * inverse);
                weights[k] = x < 1 ? 1 - x : 0;
                total += weights[k];
            }
            var fixedPoint = new int[count];
            for (int k = 0; k < count; k++)
            {
                double w = total != 0 ? weights[k] / total : weights[k];
                fixedPoint[k] = (int)(w < 0 ? -0.5 + w * (1 << PrecisionBits) : 0.5 + w * (1 << PrecisionBits));
            }
            result[i] = (start, fixedPoint);
        }
        return result;
    }
}
