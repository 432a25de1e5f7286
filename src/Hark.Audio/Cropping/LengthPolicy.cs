using System.Text.Json.Serialization;

namespace Hark.Audio.Cropping;

/// <summary>Which part of a clip longer than the target length is kept.</summary>
public enum CropPosition
{
    /// <summary>The first samples (a plain trim).</summary>
    Start,

    /// <summary>The middle: (length - target) / 2 samples are dropped from the start.</summary>
    Centre,

    /// <summary>A window starting at a uniformly drawn offset in [0, length - target], from the caller's <see cref="Hark.Tensors.Generator"/>.</summary>
    Random,
}

/// <summary>How a clip shorter than the target length is filled.</summary>
public enum ShortClipPadding
{
    /// <summary>Zeros after the clip.</summary>
    Zeros,

    /// <summary>The clip repeated from its start until the target length is reached (loop padding).</summary>
    Loop,
}

/// <summary>A fixed-length policy: clips become exactly <see cref="Seconds"/> long at the front end's sample rate.</summary>
public sealed record LengthPolicy
{
    public double Seconds { get; init; }

    public CropPosition Crop { get; init; } = CropPosition.Start;

    public ShortClipPadding Padding { get; init; } = ShortClipPadding.Zeros;

    /// <summary>Pad with zeros or trim from the end to <paramref name="seconds"/>.</summary>
    public static LengthPolicy PadOrTrim(double seconds) => new() { Seconds = seconds };

    public int Samples(int sampleRate)
    {
        if (!(Seconds > 0)) throw new ArgumentException($"LengthPolicy: seconds must be > 0; got {Seconds}");
        return (int)Math.Round(Seconds * sampleRate);
    }
}
