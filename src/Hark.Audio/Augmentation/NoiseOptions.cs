namespace Hark.Audio.Augmentation;

/// <summary>
/// White Gaussian noise at a signal-to-noise ratio drawn uniformly from [min_snr_db, max_snr_db], applied with
/// probability p: the settings of both the waveform augmentation (<c>waveform_augment.noise</c>) and the spectrogram
/// batch augmentation (<c>gaussian_noise</c>), which add it through <see cref="NoiseAtSnr"/>.
/// </summary>
public sealed record NoiseOptions
{
    public float P { get; init; } = 0.5f;
    public float MinSnrDb { get; init; } = 10f;
    public float MaxSnrDb { get; init; } = 40f;

    /// <summary>Throws naming <paramref name="section"/> (the configuration key these settings sit under) when a value cannot work.</summary>
    public void Validate(string section = "noise")
    {
        WaveformAugmentationOptions.CheckProbability(P, $"{section}.p");
        WaveformAugmentationOptions.CheckRange(MinSnrDb, MaxSnrDb, $"{section}.min_snr_db/max_snr_db");
    }
}
