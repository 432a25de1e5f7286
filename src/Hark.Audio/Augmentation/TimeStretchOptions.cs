namespace Hark.Audio.Augmentation;

/// <summary>Rate uniform in [min_rate, max_rate]; &gt; 1 is faster and shorter.</summary>
public sealed record TimeStretchOptions
{
    public float P { get; init; } = 0.5f;
    public float MinRate { get; init; } = 0.8f;
    public float MaxRate { get; init; } = 1.25f;
    public PhaseVocoderOptions Vocoder { get; init; } = PhaseVocoderOptions.Librosa;

    public void Validate()
    {
        WaveformAugmentationOptions.CheckProbability(P, "time_stretch.p");
        WaveformAugmentationOptions.CheckRange(MinRate, MaxRate, "time_stretch.min_rate/max_rate");
        if (!(MinRate > 0)) throw new ArgumentOutOfRangeException(nameof(MinRate), MinRate, "time_stretch.min_rate must be positive");
        Vocoder.Validate();
    }
}
