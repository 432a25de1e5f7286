namespace Hark.Features.Augmentation;

/// <summary>Reverses the frame order of a sample (a horizontal flip of the spectrogram image).</summary>
public sealed record TimeFlipOptions
{
    public float P { get; init; } = 0.5f;

    public void Validate() => SpectrogramBatch.CheckProbability(P, "time_flip.p");
}
