namespace Hark.Features.Augmentation;

/// <summary>Circular shift along time (torch.roll on the frame axis) by a whole number of frames.</summary>
public sealed record TimeShiftOptions
{
    public float P { get; init; } = 0.5f;

    /// <summary>Largest shift as a fraction of the frame count; shifts are uniform integers in [-floor(f * frames), floor(f * frames)].</summary>
    public float MaxFraction { get; init; } = 0.2f;

    public void Validate()
    {
        SpectrogramBatch.CheckProbability(P, "time_shift.p");
        if (!(MaxFraction >= 0f && MaxFraction <= 1f))
            throw new ArgumentOutOfRangeException(nameof(MaxFraction), MaxFraction, "time_shift.max_fraction must lie in [0, 1]");
    }
}
