namespace Hark.Audio.Images;

/// <summary>
/// A decoded PNG: samples interleaved per pixel, row-major, at the file's own precision. Palette images are expanded
/// to RGB (RGBA when they have a tRNS chunk), as PIL's convert("RGB"/"RGBA") does. Gray and RGB images keep their
/// channels: a tRNS colour key is reported in <see cref="TransparentColor"/>, not turned into alpha.
/// </summary>
public sealed class PngImage
{
    public int Width { get; }
    public int Height { get; }

    /// <summary>1 gray, 2 gray + alpha, 3 RGB, 4 RGBA.</summary>
    public int Channels { get; }

    /// <summary>Bits per sample of <see cref="Samples"/>: 1, 2, 4, 8 or 16 (palette images expand to 8).</summary>
    public int BitDepth { get; }

    public PngColorType ColorType { get; }
    public bool Interlaced { get; }

    /// <summary>Height x Width x Channels values in 0..<see cref="MaxValue"/>.</summary>
    public ushort[] Samples { get; }

    /// <summary>The tRNS colour key of a gray or RGB image (one value per channel), or null.</summary>
    public ushort[]? TransparentColor { get; }

    public PngImage(int width, int height, int channels, int bitDepth, PngColorType colorType, bool interlaced,
        ushort[] samples, ushort[]? transparentColor)
    {
        if (width <= 0 || height <= 0 || channels is < 1 or > 4 || bitDepth is not (1 or 2 or 4 or 8 or 16))
            throw new ArgumentException($"PngImage: invalid geometry {width}x{height}x{channels} at {bitDepth} bits");
        if (samples.Length != (long)width * height * channels)
            throw new ArgumentException($"PngImage: {samples.Length} samples for {width}x{height}x{channels}");
        (Width, Height, Channels, BitDepth, ColorType, Interlaced, Samples, TransparentColor) =
            (width, height, channels, bitDepth, colorType, interlaced, samples, transparentColor);
    }

    public int MaxValue => (1 << BitDepth) - 1;

    /// <summary>
    /// The samples as 8-bit values, interleaved like <see cref="Samples"/>: 1/2/4-bit gray scaled to 0..255
    /// (x 255, 85, 17, as PIL unpacks them), 16-bit reduced to the high byte (as PIL's RGB/RGBA modes do).
    /// </summary>
    public byte[] ToBytes8()
    {
        var bytes = new byte[Samples.Length];
        int scale = BitDepth < 8 ? 255 / MaxValue : 1;
        int shift = BitDepth == 16 ? 8 : 0;
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)((Samples[i] >> shift) * scale);
        return bytes;
    }

    /// <summary>
    /// 8-bit RGB bytes (Height x Width x 3) as PIL's Image.convert("RGB").tobytes() gives them: gray is replicated,
    /// alpha dropped. (One exception: PIL opens 16-bit gray as 32-bit integers and clips them to 255 when converting;
    /// here 16-bit gray keeps its high byte like every other 16-bit image.)
    /// </summary>
    public byte[] ToRgbBytes8()
    {
        var bytes8 = ToBytes8();
        if (Channels == 3) return bytes8;
        var rgb = new byte[Width * Height * 3];
        for (int p = 0; p < Width * Height; p++)
        {
            int source = p * Channels;
            if (Channels <= 2) rgb[3 * p] = rgb[3 * p + 1] = rgb[3 * p + 2] = bytes8[source];
            else { rgb[3 * p] = bytes8[source]; rgb[3 * p + 1] = bytes8[source + 1]; rgb[3 * p + 2] = bytes8[source + 2]; }
        }
        return rgb;
    }
}
