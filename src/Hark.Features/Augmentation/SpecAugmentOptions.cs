namespace Hark.Features.Augmentation;

/// <summary>
/// SpecAugment frequency and time masking (Park et al. 2019) as torchaudio's FrequencyMasking/TimeMasking with
/// iid_masks=True: each mask covers [v0, v0 + v) with v ~ U(0, mask_param) and v0 ~ U(0, size - v), both floored.
/// </summary>
public sealed record SpecAugmentOptions
{
    /// <summary>Probability that a sample is masked at all.</summary>
    public float P { get; init; } = 1f;

    /// <summary>Number of frequency masks per sample (and channel when <see cref="IidMasks"/>).</summary>
    public int FreqMasks { get; init; } = 2;

    /// <summary>torchaudio's freq_mask_param: mask widths are drawn below this many mel bins.</summary>
    public int FreqMaskParam { get; init; } = 8;

    public int TimeMasks { get; init; } = 2;

    /// <summary>torchaudio's time_mask_param: mask widths are drawn below this many frames.</summary>
    public int TimeMaskParam { get; init; } = 16;

    public MaskFill Fill { get; init; } = MaskFill.Zero;

    /// <summary>Draw separate masks for every channel of a sample (torchaudio's iid_masks); otherwise channels share them.</summary>
    public bool IidMasks { get; init; } = true;

    public void Validate()
    {
        SpectrogramBatch.CheckProbability(P, "spec_augment.p");
        if (FreqMasks < 0) throw new ArgumentOutOfRangeException(nameof(FreqMasks), FreqMasks, "spec_augment.freq_masks must be >= 0");
        if (TimeMasks < 0) throw new ArgumentOutOfRangeException(nameof(TimeMasks), TimeMasks, "spec_augment.time_masks must be >= 0");
        if (FreqMaskParam < 0) throw new ArgumentOutOfRangeException(nameof(FreqMaskParam), FreqMaskParam, "spec_augment.freq_mask_param must be >= 0");
        if (TimeMaskParam < 0) throw new ArgumentOutOfRangeException(nameof(TimeMaskParam), TimeMaskParam, "spec_augment.time_mask_param must be >= 0");
    }
}
