namespace Hark.Features.Augmentation;

/// <summary>Cuts the frames into k contiguous segments and puts them back in a random order.</summary>
public sealed record SegmentShuffleOptions
{
    public float P { get; init; } = 0.5f;

    /// <summary>k; segment sizes follow numpy.array_split (the first frames % k segments are one frame longer).</summary>
    public int Segments { get; init; } = 4;

    public void Validate()
    {
        SpectrogramBatch.CheckProbability(P, "segment_shuffle.p");
        if (Segments < 1) throw new ArgumentOutOfRangeException(nameof(Segments), Segments, "segment_shuffle.segments must be >= 1");
    }
}
