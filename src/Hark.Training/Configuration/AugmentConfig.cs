namespace Hark.Training.Configuration;

/// <summary>Training-time augmentation of batches of spectrograms; every draw comes from the run's seeded generator.</summary>
public sealed class AugmentConfig
{
    /// <summary>Probability that SpecAugment masks are applied to a sample.</summary>
    public float SpecaugmentP { get; set; } = 0.7f;
    public int FreqMasks { get; set; } = 1;
    public int FreqMaskWidth { get; set; } = 8;
    public int TimeMasks { get; set; } = 1;
    public int TimeMaskWidth { get; set; } = 12;

    /// <summary>zero or mean: what masked cells are filled with.</summary>
    public string MaskFill { get; set; } = "zero";

    public float TimeFlipP { get; set; }

    /// <summary>Largest circular time shift as a fraction of the frames.</summary>
    public float TimeShift { get; set; }

    /// <summary>Random gain range in dB applied to log-mel inputs (added), 0 disables.</summary>
    public float GainDb { get; set; }

    /// <summary>Gaussian noise at this SNR in dB relative to the sample's power; 0 disables.</summary>
    public float NoiseSnrDb { get; set; }
    public float NoiseP { get; set; } = 0.5f;

    /// <summary>Number of segments for time-segment shuffling; 0 or 1 disables.</summary>
    public int SegmentShuffle { get; set; }
}
