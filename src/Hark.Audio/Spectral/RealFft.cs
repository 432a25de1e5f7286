namespace Hark.Audio.Spectral;

/// <summary>
/// Forward DFT of a real signal of any length n, returning the n/2+1 non-negative-frequency bins (like numpy.fft.rfft and
/// torch.fft.rfft). Even n packs the signal into an n/2-point complex transform (even samples real, odd imaginary) and
/// untangles the halves with one twiddle pass; odd n runs the full complex transform. Immutable and thread-safe; callers pass
/// <see cref="ScratchLength"/> floats of scratch so a per-frame loop allocates nothing. The managed fallback of
/// <see cref="RealFftPlans"/> and the reference FFTW is tested against.
/// </summary>
public sealed class RealFft : IRealFft
{
    private readonly ComplexFft _complex;
    private readonly float[] _twiddleReal;
    private readonly float[] _twiddleImaginary;

    public RealFft(int length)
    {
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "RealFft: length must be >= 1");
        Length = length;
        bool even = length % 2 == 0;
        _complex = new ComplexFft(even ? length / 2 : length);
        int half = length / 2;
        _twiddleReal = new float[even ? half + 1 : 0];
        _twiddleImaginary = new float[even ? half + 1 : 0];
        for (int k = 0; k < _twiddleReal.Length; k++)
        {
            double angle = -2 * Math.PI * k / length;
            _twiddleReal[k] = (float)Math.Cos(angle);
            _twiddleImaginary[k] = (float)Math.Sin(angle);
        }
    }

    public int Length { get; }

    /// <summary>n/2 + 1.</summary>
    public int Bins => Length / 2 + 1;

    public int ScratchLength => 2 * _complex.Length + _complex.ScratchLength;

    /// <summary>Transforms <paramref name="input"/> (n samples) into <paramref name="real"/> and <paramref name="imaginary"/> (n/2+1 bins each).</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> real, Span<float> imaginary, Span<float> scratch)
    {
        if (input.Length != Length)
            throw new ArgumentException($"RealFft.Forward: expected {Length} input samples; got {input.Length}");
        if (real.Length < Bins || imaginary.Length < Bins)
            throw new ArgumentException($"RealFft.Forward: expected outputs of at least {Bins} bins; got {real.Length} and {imaginary.Length}");
        if (scratch.Length < ScratchLength)
            throw new ArgumentException($"RealFft.Forward: expected scratch of at least {ScratchLength} floats; got {scratch.Length}");
        int m = _complex.Length;
        var zr = scratch[..m];
        var zi = scratch.Slice(m, m);
        var inner = scratch[(2 * m)..];
        if (Length % 2 == 1)
        {
            input.CopyTo(zr);
            zi.Clear();
            _complex.Forward(zr, zi, inner);
            zr[..Bins].CopyTo(real);
            zi[..Bins].CopyTo(imaginary);
            return;
        }
        for (int j = 0; j < m; j++)
        {
            zr[j] = input[2 * j];
            zi[j] = input[2 * j + 1];
        }
        _complex.Forward(zr, zi, inner);
        // X[k] = E[k] + W^k O[k], E = (Z[k] + conj Z[m-k]) / 2, O = (Z[k] - conj Z[m-k]) / 2i.
        for (int k = 0; k <= m; k++)
        {
            int a = k == m ? 0 : k, b = k == 0 ? 0 : m - k;
            float pr = zr[a], pi = zi[a], qr = zr[b], qi = -zi[b];
            float er = 0.5f * (pr + qr), ei = 0.5f * (pi + qi);
            float or = 0.5f * (pi - qi), oi = -0.5f * (pr - qr);
            float wr = _twiddleReal[k], wi = _twiddleImaginary[k];
            real[k] = er + (or * wr - oi * wi);
            imaginary[k] = ei + (or * wi + oi * wr);
        }
    }
}
