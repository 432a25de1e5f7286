namespace Hark.Features.Augmentation;

/// <summary>White Gaussian noise at a signal-to-noise ratio drawn uniformly from [min_snr_db, max_snr_db].</summary>
public sealed record GaussianNoiseOptions
{
    public float P { get; init; } = 0.5f;
    public float MinSnrDb { get; init; } = 20f;
    public float MaxSnrDb { get; init; } = 40f;

    public void Validate()
    {
        SpectrogramBatch.CheckProbability(P, "gaussian_noise.p");
        if (!(MinSnrDb <= MaxSnrDb) || !float.IsFinite(MinSnrDb) || !float.IsFinite(MaxSnrDb))
            throw new ArgumentOutOfRangeException(nameof(MinSnrDb), $"gaussian_noise: expected finite min_snr_db <= max_snr_db; got {MinSnrDb} and {MaxSnrDb}");
    }
}
