namespace Hark.Features.Augmentation;

/// <summary>A random level change of g dB, g uniform in [min_gain_db, max_gain_db], applied to a log spectrogram as an offset.</summary>
public sealed record RandomGainOptions
{
    public float P { get; init; } = 0.5f;
    public float MinGainDb { get; init; } = -6f;
    public float MaxGainDb { get; init; } = 6f;
    public LogScale Scale { get; init; } = LogScale.PowerDecibels;

    public void Validate()
    {
        SpectrogramBatch.CheckProbability(P, "random_gain.p");
        if (!(MinGainDb <= MaxGainDb) || !float.IsFinite(MinGainDb) || !float.IsFinite(MaxGainDb))
            throw new ArgumentOutOfRangeException(nameof(MinGainDb), $"random_gain.min_gain_db: expected finite min_gain_db <= max_gain_db; got {MinGainDb} and {MaxGainDb}");
    }
}
