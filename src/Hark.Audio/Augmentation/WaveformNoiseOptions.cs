namespace Hark.Audio.Augmentation;

/// <summary>White Gaussian noise at an SNR uniform in [min_snr_db, max_snr_db].</summary>
public sealed record WaveformNoiseOptions
{
    public float P { get; init; } = 0.5f;
    public float MinSnrDb { get; init; } = 10f;
    public float MaxSnrDb { get; init; } = 40f;

    public void Validate()
    {
        WaveformAugmentationOptions.CheckProbability(P, "noise.p");
        WaveformAugmentationOptions.CheckRange(MinSnrDb, MaxSnrDb, "noise.min_snr_db/max_snr_db");
    }
}
