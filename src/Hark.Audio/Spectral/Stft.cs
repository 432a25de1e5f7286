using System.Buffers;
using Hark.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Hark.Audio.Spectral;

/// <summary>
/// STFT magnitude or power spectrogram of a mono signal, like torch.stft(..., return_complex=True).abs() ** power
/// (torchaudio.transforms.Spectrogram) and librosa.stft. Output layout is [bins, frames] (bins = n_fft/2+1), row-major.
/// Immutable and thread-safe: the FFT plan (FFTW when installed, see <see cref="RealFftPlans"/>) and window are built once; each call rents its scratch from the shared pool,
/// and the per-frame loop allocates nothing.
/// </summary>
public sealed class Stft
{
    private readonly IRealFft _fft;
    private readonly float[] _window; // n_fft long; a shorter window sits centred, zeros around it (torch's convention)

    public Stft(StftOptions options)
    {
        options.Validate();
        Options = options;
        _fft = RealFftPlans.Create(options.NFft);
        _window = new float[options.NFft];
        int winLength = options.ResolvedWinLength;
        Window.Fill(options.Window, _window.AsSpan((options.NFft - winLength) / 2, winLength), options.WindowSymmetry);
    }

    public StftOptions Options { get; }

    public int Bins => Options.Bins;

    /// <summary>Samples each side added by centring (n_fft / 2), or 0.</summary>
    public int PadLength => Options.Center == CenterPadding.None ? 0 : Options.NFft / 2;

    public int PaddedLength(int samples) => samples + 2 * PadLength;

    /// <summary>Frames for a signal of <paramref name="samples"/>: 1 + (padded - n_fft) / hop; throws when the signal is too short.</summary>
    public int FrameCount(int samples)
    {
        int padded = PaddedLength(samples);
        if (padded < Options.NFft)
            throw new ArgumentException($"Stft: a signal of {samples} samples is shorter than n_fft={Options.NFft} (center={Options.Center}); pad or crop it first");
        return 1 + (padded - Options.NFft) / Options.ResolvedHopLength;
    }

    /// <summary>Floats of scratch one <see cref="Frame"/> call needs.</summary>
    public int ScratchLength => Options.NFft + 2 * Bins + _fft.ScratchLength;

    /// <summary>Writes the centre-padded signal into <paramref name="padded"/> (<see cref="PaddedLength"/> long).</summary>
    public void Pad(ReadOnlySpan<float> signal, Span<float> padded)
    {
        int p = PadLength, n = signal.Length;
        if (padded.Length != n + 2 * p)
            throw new ArgumentException($"Stft.Pad: expected a destination of {n + 2 * p} samples; got {padded.Length}");
        signal.CopyTo(padded[p..]);
        if (p == 0) return;
        if (Options.Center == CenterPadding.Constant)
        {
            padded[..p].Clear();
            padded[(p + n)..].Clear();
            return;
        }
        if (n <= p)
            throw new ArgumentException($"Stft.Pad: reflect padding of {p} samples needs a signal longer than {p}; got {n} samples (use CenterPadding.Constant or pad the clip)");
        for (int i = 0; i < p; i++)
        {
            padded[p - 1 - i] = signal[i + 1];
            padded[p + n + i] = signal[n - 2 - i];
        }
    }

    /// <summary>
    /// Spectrum of frame <paramref name="frame"/> of an already padded signal into <paramref name="bins"/> (n_fft/2+1 values).
    /// </summary>
    public void Frame(ReadOnlySpan<float> padded, int frame, SpectrumKind kind, Span<float> bins, Span<float> scratch)
    {
        int nFft = Options.NFft;
        var windowed = scratch[..nFft];
        var real = scratch.Slice(nFft, Bins);
        var imaginary = scratch.Slice(nFft + Bins, Bins);
        var fftScratch = scratch[(nFft + 2 * Bins)..];
        var segment = padded.Slice(frame * Options.ResolvedHopLength, nFft);
        TensorPrimitives.Multiply(segment, _window, windowed);
        _fft.Forward(windowed, real, imaginary, fftScratch);
        bins = bins[..Bins];
        TensorPrimitives.Multiply(real, real, bins);
        TensorPrimitives.MultiplyAdd(imaginary, imaginary, bins, bins);
        if (kind == SpectrumKind.Magnitude) TensorPrimitives.Sqrt(bins, bins);
    }

    /// <summary>Spectrogram of <paramref name="signal"/> into <paramref name="destination"/>, shaped [bins, frames].</summary>
    public void Spectrogram(ReadOnlySpan<float> signal, SpectrumKind kind, Span<float> destination)
    {
        int frames = FrameCount(signal.Length);
        if (destination.Length != Bins * frames)
            throw new ArgumentException($"Stft.Spectrogram: expected a destination of [{Bins}, {frames}] = {Bins * frames} floats; got {destination.Length}");
        int paddedLength = PaddedLength(signal.Length);
        var rented = ArrayPool<float>.Shared.Rent(paddedLength + ScratchLength + Bins);
        try
        {
            var padded = rented.AsSpan(0, paddedLength);
            var scratch = rented.AsSpan(paddedLength, ScratchLength);
            var bins = rented.AsSpan(paddedLength + ScratchLength, Bins);
            Pad(signal, padded);
            for (int t = 0; t < frames; t++)
            {
                Frame(padded, t, kind, bins, scratch);
                for (int k = 0; k < Bins; k++) destination[k * frames + t] = bins[k];
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>Spectrogram as a tensor [bins, frames].</summary>
    public Tensor Spectrogram(ReadOnlySpan<float> signal, SpectrumKind kind = SpectrumKind.Power)
    {
        int frames = FrameCount(signal.Length);
        var data = new float[Bins * frames];
        Spectrogram(signal, kind, data);
        return Tensor.FromArray(data, Bins, frames);
    }
}
