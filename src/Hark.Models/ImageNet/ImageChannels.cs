namespace Hark.Models;

/// <summary>How a one-channel log-mel becomes the three channels an ImageNet backbone reads.</summary>
public enum ImageChannels
{
    /// <summary>The log-mel in all three channels (pipeline B's stacking).</summary>
    Repeat,

    /// <summary>The log-mel, its delta and its delta-delta over time (torchaudio.functional.compute_deltas, window 5).</summary>
    Deltas,
}
