namespace Hark.Audio.Images;

/// <summary>The PNG colour types (IHDR byte 9), with the PNG specification's numbers.</summary>
public enum PngColorType : byte
{
    Gray = 0,
    Rgb = 2,
    Palette = 3,
    GrayAlpha = 4,
    Rgba = 6,
}
