using Hark.Audio.Spectral;

namespace Hark.Audio.Augmentation;

/// <summary>
/// Complex short-time Fourier transform and its inverse for the phase vocoder, with a periodic Hann window of n_fft,
/// centred frames (n_fft / 2 of reflect or zero padding at both ends), 1 + length / hop frames, as torch.stft(center=True)
/// and librosa.stft. Reflection is numpy's, repeated as often as needed for clips shorter than the pad.
/// <see cref="Inverse"/> is torch.istft / librosa.istft: inverse real FFT of each frame, windowed overlap-add, division by
/// the summed squared window where it exceeds 1e-11, the centre padding trimmed and the result cut or zero-padded to the
/// requested length.
/// </summary>
public sealed class ComplexStft
{
    private const double EnvelopeFloor = 1e-11;
    private readonly RealFft _forward;
    private readonly ComplexFft _inverse;
    private readonly float[] _window;
    private readonly CenterPadding _center;

    public ComplexStft(PhaseVocoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        NFft = options.NFft;
        HopLength = options.ResolvedHopLength;
        _center = options.Center;
        _forward = new RealFft(NFft);
        _inverse = new ComplexFft(NFft);
        _window = Window.Create(WindowFunction.Hann, NFft, WindowSymmetry.Periodic);
    }

    public int NFft { get; }
    public int HopLength { get; }
    public int Bins => NFft / 2 + 1;

    public int FrameCount(int samples) => 1 + samples / HopLength;

    public ComplexSpectrogram Forward(ReadOnlySpan<float> signal)
    {
        if (signal.Length == 0) throw new ArgumentException("ComplexStft.Forward: expected a non-empty signal");
        int pad = NFft / 2;
        var padded = new float[signal.Length + 2 * pad];
        if (_center == CenterPadding.Reflect)
            for (int i = 0; i < padded.Length; i++) padded[i] = signal[ReflectIndex(i - pad, signal.Length)];
        else
            signal.CopyTo(padded.AsSpan(pad));
        var spectrogram = new ComplexSpectrogram(FrameCount(signal.Length), Bins);
        var frame = new float[NFft];
        var scratch = new float[_forward.ScratchLength];
        for (int t = 0; t < spectrogram.Frames; t++)
        {
            for (int j = 0; j < NFft; j++) frame[j] = padded[t * HopLength + j] * _window[j];
            _forward.Forward(frame, spectrogram.Real.AsSpan(t * Bins, Bins), spectrogram.Imaginary.AsSpan(t * Bins, Bins), scratch);
        }
        return spectrogram;
    }

    public float[] Inverse(ComplexSpectrogram spectrogram, int length)
    {
        ArgumentNullException.ThrowIfNull(spectrogram);
        if (spectrogram.Bins != Bins)
            throw new ArgumentException($"ComplexStft.Inverse: expected {Bins} bins for n_fft {NFft}; got {spectrogram.Bins}");
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "ComplexStft.Inverse: length must be >= 0");
        int span = NFft + HopLength * Math.Max(0, spectrogram.Frames - 1);
        var sum = new double[span];
        var envelope = new double[span];
        var real = new float[NFft];
        var imaginary = new float[NFft];
        var scratch = new float[_inverse.ScratchLength];
        for (int t = 0; t < spectrogram.Frames; t++)
        {
            InverseFrame(spectrogram, t, real, imaginary, scratch);
            int origin = t * HopLength;
            for (int j = 0; j < NFft; j++)
            {
                sum[origin + j] += real[j] * _window[j];
                envelope[origin + j] += (double)_window[j] * _window[j];
            }
        }
        var output = new float[length];
        int start = NFft / 2;
        int available = spectrogram.Frames == 0 ? 0 : Math.Min(length, span - start);
        for (int i = 0; i < available; i++)
        {
            double e = envelope[start + i];
            output[i] = (float)(e > EnvelopeFloor ? sum[start + i] / e : sum[start + i]);
        }
        return output;
    }

    /// <summary>numpy.fft.irfft of one frame into <paramref name="real"/>: the Hermitian spectrum is rebuilt and transformed as conj(FFT(conj X)) / n.</summary>
    private void InverseFrame(ComplexSpectrogram spectrogram, int frame, Span<float> real, Span<float> imaginary, Span<float> scratch)
    {
        var re = spectrogram.Real.AsSpan(frame * Bins, Bins);
        var im = spectrogram.Imaginary.AsSpan(frame * Bins, Bins);
        for (int k = 0; k < NFft; k++)
        {
            bool mirrored = k >= Bins;
            int source = mirrored ? NFft - k : k;
            real[k] = re[source];
            // conj for the inverse, undone again on the mirrored half; DC and Nyquist keep only their real parts, as irfft does.
            imaginary[k] = source == 0 || 2 * source == NFft ? 0f : mirrored ? im[source] : -im[source];
        }
        _inverse.Forward(real, imaginary, scratch);
        float scale = 1f / NFft;
        for (int k = 0; k < NFft; k++) real[k] *= scale;
    }

    /// <summary>numpy's "reflect" index (no repeated edge), folding as often as needed for pads longer than the signal.</summary>
    public static int ReflectIndex(int i, int length)
    {
        if (length == 1) return 0;
        int period = 2 * (length - 1);
        int m = ((i % period) + period) % period;
        return m < length ? m : period - m;
    }
}
