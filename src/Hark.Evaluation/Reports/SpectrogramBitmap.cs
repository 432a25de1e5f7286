using System.Buffers.Binary;

namespace Hark.Evaluation.Reports;

/// <summary>
/// A spectrogram [mels, frames] (row-major) as a 24-bit BMP data URI for an &lt;img&gt; in report.html: low mels at the
/// bottom, values scaled from the image's own minimum to maximum through the magma colour map. BMP needs neither
/// compression nor checksums, so the page stays self-contained without an image library.
/// </summary>
public static class SpectrogramBitmap
{
    // Five stops of matplotlib's magma.
    private static readonly (double R, double G, double B)[] stops = [(0, 0, 4), (81, 18, 124), (183, 55, 121), (252, 137, 97), (252, 253, 191)];

    public static string DataUri(ReadOnlySpan<float> values, int mels, int frames)
    {
        if (mels < 1 || frames < 1 || values.Length != mels * frames)
            throw new ArgumentException($"spectrogram image: expected [{mels}, {frames}] = {mels * frames} values; got {values.Length}");
        float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
        foreach (var v in values)
            if (float.IsFinite(v)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        double range = hi > lo ? hi - lo : 1;
        int stride = (frames * 3 + 3) & ~3;
        var bmp = new byte[54 + stride * mels];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), frames);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), mels); // positive height: the first row stored is the bottom one, mel 0
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(34), stride * mels);
        for (int m = 0; m < mels; m++)
            for (int f = 0; f < frames; f++)
            {
                float v = values[m * frames + f];
                var (r, g, b) = Magma(float.IsFinite(v) ? (v - lo) / range : 0);
                int at = 54 + m * stride + f * 3;
                (bmp[at], bmp[at + 1], bmp[at + 2]) = (b, g, r);
            }
        return "data:image/bmp;base64," + Convert.ToBase64String(bmp);
    }

    private static (byte R, byte G, byte B) Magma(double t)
    {
        double position = Math.Clamp(t, 0, 1) * (stops.Length - 1);
        int k = Math.Min((int)position, stops.Length - 2);
        double w = position - k;
        var (a, b) = (stops[k], stops[k + 1]);
        return ((byte)Math.Round(a.R + w * (b.R - a.R)), (byte)Math.Round(a.G + w * (b.G - a.G)), (byte)Math.Round(a.B + w * (b.B - a.B)));
    }
}
