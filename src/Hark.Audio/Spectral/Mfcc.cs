using Hark.Tensors;

namespace Hark.Audio.Spectral;

/// <summary>
/// Mel-frequency cepstral coefficients from a log-mel spectrogram [n_mels, frames]: the orthonormal DCT-II along the mel
/// axis, as torchaudio.transforms.MFCC (create_dct(n_mfcc, n_mels, norm="ortho")) and librosa.feature.mfcc (dct_type 2,
/// norm "ortho") compute it. Feed it dB values (torchaudio uses AmplitudeToDB with top_db 80; librosa power_to_db).
/// </summary>
public sealed class Mfcc
{
    private readonly float[] _dct; // [n_mfcc, n_mels]

    public Mfcc(int nMfcc, int nMels)
    {
        if (nMels < 1 || nMfcc < 1 || nMfcc > nMels)
            throw new ArgumentException($"Mfcc: need 1 <= n_mfcc <= n_mels; got n_mfcc={nMfcc}, n_mels={nMels}");
        NMfcc = nMfcc;
        NMels = nMels;
        _dct = new float[nMfcc * nMels];
        for (int k = 0; k < nMfcc; k++)
        {
            double scale = Math.Sqrt(2.0 / nMels) * (k == 0 ? 1 / Math.Sqrt(2.0) : 1.0);
            for (int n = 0; n < nMels; n++)
                _dct[k * nMels + n] = (float)(scale * Math.Cos(Math.PI / nMels * (n + 0.5) * k));
        }
    }

    public int NMfcc { get; }

    public int NMels { get; }

    /// <summary>The DCT matrix [n_mfcc, n_mels] (torchaudio's create_dct returns its transpose).</summary>
    public ReadOnlySpan<float> Matrix => _dct;

    /// <summary>coefficients[k, t] = sum_n dct[k, n] * logMel[n, t]; shapes [n_mels, frames] -> [n_mfcc, frames].</summary>
    public void Apply(ReadOnlySpan<float> logMel, int frames, Span<float> coefficients)
    {
        if (logMel.Length != NMels * frames || coefficients.Length != NMfcc * frames)
            throw new ArgumentException($"Mfcc.Apply: expected log-mel [{NMels}, {frames}] and output [{NMfcc}, {frames}]; got {logMel.Length} and {coefficients.Length} floats");
        coefficients.Clear();
        for (int k = 0; k < NMfcc; k++)
        {
            var row = coefficients.Slice(k * frames, frames);
            for (int n = 0; n < NMels; n++)
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(logMel.Slice(n * frames, frames), _dct[k * NMels + n], row, row);
        }
    }

    public Tensor Apply(Tensor logMel)
    {
        ShapeException.Check(logMel.Shape.Length == 2 && logMel.Shape[0] == NMels, "Mfcc.Apply", $"a log-mel spectrogram [{NMels}, frames]", logMel);
        int frames = logMel.Shape[1];
        var result = new float[NMfcc * frames];
        Apply(logMel.Detach().ToArray(), frames, result);
        return Tensor.FromArray(result, NMfcc, frames);
    }
}
