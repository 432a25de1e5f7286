namespace Hark.Audio.Augmentation;

/// <summary>Shift uniform in whole samples within +-max_seconds.</summary>
public sealed record WaveformShiftOptions
{
    public float P { get; init; } = 0.5f;
    public float MaxSeconds { get; init; } = 0.1f;
    public ShiftMode Mode { get; init; } = ShiftMode.Roll;

    public void Validate()
    {
        WaveformAugmentationOptions.CheckProbability(P, "time_shift.p");
        if (!(MaxSeconds >= 0) || !float.IsFinite(MaxSeconds)) throw new ArgumentOutOfRangeException(nameof(MaxSeconds), MaxSeconds, "time_shift.max_seconds must be >= 0");
    }
}
