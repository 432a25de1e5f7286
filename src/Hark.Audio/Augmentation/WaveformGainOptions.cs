namespace Hark.Audio.Augmentation;

/// <summary>Gain uniform in [min_gain_db, max_gain_db].</summary>
public sealed record WaveformGainOptions
{
    public float P { get; init; } = 0.5f;
    public float MinGainDb { get; init; } = -6f;
    public float MaxGainDb { get; init; } = 6f;

    public void Validate()
    {
        WaveformAugmentationOptions.CheckProbability(P, "gain.p");
        WaveformAugmentationOptions.CheckRange(MinGainDb, MaxGainDb, "gain.min_gain_db/max_gain_db");
    }
}
