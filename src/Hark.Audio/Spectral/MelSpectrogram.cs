using System.Buffers;
using Hark.Tensors;

namespace Hark.Audio.Spectral;

/// <summary>
/// STFT -> |X|^power -> mel filter bank, frame by frame (torchaudio.transforms.MelSpectrogram, librosa.feature.melspectrogram),
/// output [n_mels, frames]. One padded copy of the signal and one scratch block are rented per call; the frame loop allocates
/// nothing. Immutable and thread-safe.
/// </summary>
public sealed class MelSpectrogram
{
    public MelSpectrogram(StftOptions stft, MelFilterBankOptions mel, SpectrumKind spectrum = SpectrumKind.Power)
    {
        if (mel.NFft != stft.NFft)
            throw new ArgumentException($"MelSpectrogram: the filter bank's n_fft ({mel.NFft}) must equal the STFT's ({stft.NFft})");
        Stft = new Stft(stft);
        FilterBank = new MelFilterBank(mel);
        Spectrum = spectrum;
    }

    public Stft Stft { get; }

    public MelFilterBank FilterBank { get; }

    public SpectrumKind Spectrum { get; }

    public int NMels => FilterBank.NMels;

    public int FrameCount(int samples) => Stft.FrameCount(samples);

    /// <summary>Mel spectrogram of <paramref name="signal"/> into <paramref name="destination"/> [n_mels, frames].</summary>
    public void Compute(ReadOnlySpan<float> signal, Span<float> destination)
    {
        int frames = Stft.FrameCount(signal.Length), nMels = NMels, bins = Stft.Bins;
        if (destination.Length != nMels * frames)
            throw new ArgumentException($"MelSpectrogram.Compute: expected a destination of [{nMels}, {frames}] = {nMels * frames} floats; got {destination.Length}");
        int paddedLength = Stft.PaddedLength(signal.Length), scratchLength = Stft.ScratchLength;
        var rented = ArrayPool<float>.Shared.Rent(paddedLength + scratchLength + bins + nMels);
        try
        {
            var padded = rented.AsSpan(0, paddedLength);
            var scratch = rented.AsSpan(paddedLength, scratchLength);
            var spectrum = rented.AsSpan(paddedLength + scratchLength, bins);
            var mels = rented.AsSpan(paddedLength + scratchLength + bins, nMels);
            Stft.Pad(signal, padded);
            for (int t = 0; t < frames; t++)
            {
                Stft.Frame(padded, t, Spectrum, spectrum, scratch);
                FilterBank.Apply(spectrum, mels);
                for (int m = 0; m < nMels; m++) destination[m * frames + t] = mels[m];
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    public Tensor Compute(ReadOnlySpan<float> signal)
    {
        int frames = FrameCount(signal.Length);
        var data = new float[NMels * frames];
        Compute(signal, data);
        return Tensor.FromArray(data, NMels, frames);
    }
}
