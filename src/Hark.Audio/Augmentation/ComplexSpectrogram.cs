namespace Hark.Audio.Augmentation;

/// <summary>
/// A one-sided complex STFT laid out frame-major: bin k of frame t is (Real, Imaginary)[t * Bins + k], so per-frame loops
/// walk contiguous memory.
/// </summary>
public sealed class ComplexSpectrogram
{
    public ComplexSpectrogram(int frames, int bins)
    {
        if (frames < 0 || bins < 1) throw new ArgumentOutOfRangeException(nameof(frames), $"ComplexSpectrogram: expected frames >= 0 and bins >= 1; got {frames} and {bins}");
        Frames = frames;
        Bins = bins;
        Real = new float[frames * bins];
        Imaginary = new float[frames * bins];
    }

    public int Frames { get; }
    public int Bins { get; }
    public float[] Real { get; }
    public float[] Imaginary { get; }
}
