namespace Hark.Audio.Spectral;

/// <summary>
/// A forward real DFT plan of one length: n real samples in, the n/2+1 non-negative-frequency bins out (numpy.fft.rfft),
/// on split real/imaginary spans. Plans are immutable and thread-safe; callers pass <see cref="ScratchLength"/> floats of
/// scratch so a per-frame loop allocates nothing. <see cref="RealFft"/> is the managed implementation every machine has;
/// <see cref="Fftw.FftwRealFft"/> uses libfftw3f when it is installed. <see cref="RealFftPlans.Create"/> picks one.
/// </summary>
public interface IRealFft
{
    int Length { get; }

    /// <summary>n/2 + 1.</summary>
    int Bins { get; }

    int ScratchLength { get; }

    /// <summary>Transforms <paramref name="input"/> (n samples) into <paramref name="real"/> and <paramref name="imaginary"/> (n/2+1 bins each).</summary>
    void Forward(ReadOnlySpan<float> input, Span<float> real, Span<float> imaginary, Span<float> scratch);
}
