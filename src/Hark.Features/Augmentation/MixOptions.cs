namespace Hark.Features.Augmentation;

/// <summary>
/// Batch mixing as timm's Mixup(mixup_alpha, cutmix_alpha, prob, switch_prob, mode="batch"): an alpha of 0 turns that
/// kind off; with both on, CutMix is chosen with probability switch_prob.
/// </summary>
public sealed record MixOptions
{
    public float MixupAlpha { get; init; }
    public float CutmixAlpha { get; init; }

    /// <summary>Probability that a batch is mixed at all.</summary>
    public float Prob { get; init; } = 1f;

    public float SwitchProb { get; init; } = 0.5f;

    public bool Enabled => MixupAlpha > 0 || CutmixAlpha > 0;

    public void Validate()
    {
        if (!(MixupAlpha >= 0) || !float.IsFinite(MixupAlpha)) throw new ArgumentOutOfRangeException(nameof(MixupAlpha), MixupAlpha, "mix.mixup_alpha must be >= 0 (0 turns MixUp off)");
        if (!(CutmixAlpha >= 0) || !float.IsFinite(CutmixAlpha)) throw new ArgumentOutOfRangeException(nameof(CutmixAlpha), CutmixAlpha, "mix.cutmix_alpha must be >= 0 (0 turns CutMix off)");
        SpectrogramBatch.CheckProbability(Prob, "mix.prob");
        SpectrogramBatch.CheckProbability(SwitchProb, "mix.switch_prob");
    }
}
