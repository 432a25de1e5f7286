namespace Hark.Models;

/// <summary>
/// How a batch of log-mels [batch, 1, mels, frames] becomes an ImageNet backbone's input [batch, 3, size, size]:
/// three channels (<see cref="Channels"/>; a three-channel input is taken as it is), a bilinear resize to
/// <see cref="Size"/> (null: keep the input's size), then <see cref="Normalization"/>.
/// </summary>
public sealed record ImageInputOptions
{
    public ImageChannels Channels { get; init; } = ImageChannels.Repeat;
    public int? Size { get; init; }
    public InputNormalization Normalization { get; init; } = InputNormalization.ImageNet;

    /// <summary>Images already shaped and normalised as the backbone expects (the PyTorch parity tests).</summary>
    public static ImageInputOptions AsGiven { get; } = new() { Normalization = InputNormalization.None };
}
