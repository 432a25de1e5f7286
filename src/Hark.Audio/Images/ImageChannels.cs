namespace Hark.Audio.Images;

/// <summary>Which channels an image tensor gets.</summary>
public enum ImageChannels
{
    /// <summary>The image's own channels: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA.</summary>
    AsStored,
    /// <summary>Three RGB channels, as PIL's convert("RGB"): gray replicated, alpha dropped.</summary>
    Rgb,
}
