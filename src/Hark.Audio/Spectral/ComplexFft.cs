using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hark.Audio.Spectral;

/// <summary>
/// Forward complex DFT plan for any length, on split real/imaginary arrays, in place:
/// X[k] = sum_j x[j] exp(-2 pi i j k / n). Powers of two use an iterative radix-2 decimation-in-time transform whose
/// butterflies are vectorised across each stage; other lengths use Bluestein's chirp-z algorithm on a power-of-two
/// transform of at least 2n-1 points. The plan holds only immutable tables, so one plan serves many threads; callers
/// pass <see cref="ScratchLength"/> floats of scratch, which keeps every call allocation-free.
/// </summary>
public sealed class ComplexFft
{
    private readonly int[] _bitReverse = [];
    // Twiddles for every radix-2 stage, stage with half-size h stored at [h-1, 2h-1): exp(-2 pi i k / 2h).
    private readonly float[] _twiddleReal = [];
    private readonly float[] _twiddleImaginary = [];
    private readonly ComplexFft? _inner;
    private readonly float[] _chirpReal = [];
    private readonly float[] _chirpImaginary = [];
    private readonly float[] _kernelReal = [];
    private readonly float[] _kernelImaginary = [];

    public ComplexFft(int length)
    {
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "ComplexFft: length must be >= 1");
        Length = length;
        if (BitOperations.IsPow2(length))
        {
            int bits = BitOperations.Log2((uint)length);
            _bitReverse = new int[length];
            for (int i = 0; i < length; i++)
                _bitReverse[i] = bits == 0 ? 0 : (int)(ReverseBits((uint)i) >> (32 - bits));
            _twiddleReal = new float[Math.Max(1, length - 1)];
            _twiddleImaginary = new float[Math.Max(1, length - 1)];
            for (int half = 1; half < length; half <<= 1)
                for (int k = 0; k < half; k++)
                {
                    double angle = -Math.PI * k / half;
                    _twiddleReal[half - 1 + k] = (float)Math.Cos(angle);
                    _twiddleImaginary[half - 1 + k] = (float)Math.Sin(angle);
                }
            return;
        }
        int padded = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * length - 1));
        _inner = new ComplexFft(padded);
        _chirpReal = new float[length];
        _chirpImaginary = new float[length];
        _kernelReal = new float[padded];
        _kernelImaginary = new float[padded];
        for (int k = 0; k < length; k++)
        {
            // k^2 mod 2n keeps the angle exact for large k.
            double angle = -Math.PI * ((long)k * k % (2L * length)) / length;
            _chirpReal[k] = (float)Math.Cos(angle);
            _chirpImaginary[k] = (float)Math.Sin(angle);
        }
        // The convolution kernel conj(chirp) laid out circularly, then transformed once, scaled by 1/padded for the inverse.
        for (int k = 0; k < length; k++)
        {
            _kernelReal[k] = _chirpReal[k];
            _kernelImaginary[k] = -_chirpImaginary[k];
            if (k > 0)
            {
                _kernelReal[padded - k] = _chirpReal[k];
                _kernelImaginary[padded - k] = -_chirpImaginary[k];
            }
        }
        _inner.Forward(_kernelReal, _kernelImaginary, new float[_inner.ScratchLength]);
        for (int k = 0; k < padded; k++) { _kernelReal[k] /= padded; _kernelImaginary[k] /= padded; }
    }

    public int Length { get; }

    /// <summary>Floats of scratch that <see cref="Forward"/> needs: 0 for powers of two, 2 * padded length for Bluestein.</summary>
    public int ScratchLength => _inner is null ? 0 : 2 * _inner.Length + _inner.ScratchLength;

    /// <summary>Transforms (<paramref name="real"/>, <paramref name="imaginary"/>), each <see cref="Length"/> long, in place.</summary>
    public void Forward(Span<float> real, Span<float> imaginary, Span<float> scratch)
    {
        if (real.Length != Length || imaginary.Length != Length)
            throw new ArgumentException($"ComplexFft.Forward: expected real and imaginary of length {Length}; got {real.Length} and {imaginary.Length}");
        if (scratch.Length < ScratchLength)
            throw new ArgumentException($"ComplexFft.Forward: expected scratch of at least {ScratchLength} floats; got {scratch.Length}");
        if (_inner is null) Radix2(real, imaginary);
        else Bluestein(real, imaginary, scratch);
    }

    private void Radix2(Span<float> real, Span<float> imaginary)
    {
        int n = Length;
        for (int i = 0; i < n; i++)
        {
            int j = _bitReverse[i];
            if (j > i)
            {
                (real[i], real[j]) = (real[j], real[i]);
                (imaginary[i], imaginary[j]) = (imaginary[j], imaginary[i]);
            }
        }
        int width = Vector<float>.Count;
        for (int half = 1; half < n; half <<= 1)
        {
            var wr = _twiddleReal.AsSpan(half - 1, half);
            var wi = _twiddleImaginary.AsSpan(half - 1, half);
            for (int block = 0; block < n; block += 2 * half)
            {
                var ar = real.Slice(block, half);
                var ai = imaginary.Slice(block, half);
                var br = real.Slice(block + half, half);
                var bi = imaginary.Slice(block + half, half);
                int k = 0;
                if (half >= width)
                {
                    var var_ = MemoryMarshal.Cast<float, Vector<float>>(ar);
                    var vai = MemoryMarshal.Cast<float, Vector<float>>(ai);
                    var vbr = MemoryMarshal.Cast<float, Vector<float>>(br);
                    var vbi = MemoryMarshal.Cast<float, Vector<float>>(bi);
                    var vwr = MemoryMarshal.Cast<float, Vector<float>>(wr);
                    var vwi = MemoryMarshal.Cast<float, Vector<float>>(wi);
                    for (int v = 0; v < var_.Length; v++)
                    {
                        var tr = vbr[v] * vwr[v] - vbi[v] * vwi[v];
                        var ti = vbr[v] * vwi[v] + vbi[v] * vwr[v];
                        vbr[v] = var_[v] - tr;
                        vbi[v] = vai[v] - ti;
                        var_[v] += tr;
                        vai[v] += ti;
                    }
                    k = var_.Length * width;
                }
                for (; k < half; k++)
                {
                    float tr = br[k] * wr[k] - bi[k] * wi[k];
                    float ti = br[k] * wi[k] + bi[k] * wr[k];
                    br[k] = ar[k] - tr;
                    bi[k] = ai[k] - ti;
                    ar[k] += tr;
                    ai[k] += ti;
                }
            }
        }
    }

    private void Bluestein(Span<float> real, Span<float> imaginary, Span<float> scratch)
    {
        int n = Length, m = _inner!.Length;
        var ar = scratch[..m];
        var ai = scratch.Slice(m, m);
        var innerScratch = scratch[(2 * m)..];
        for (int k = 0; k < n; k++)
        {
            float cr = _chirpReal[k], ci = _chirpImaginary[k];
            ar[k] = real[k] * cr - imaginary[k] * ci;
            ai[k] = real[k] * ci + imaginary[k] * cr;
        }
        ar[n..].Clear();
        ai[n..].Clear();
        _inner.Forward(ar, ai, innerScratch);
        // Pointwise product with the transformed kernel, conjugated so the next forward transform acts as an inverse.
        for (int k = 0; k < m; k++)
        {
            float xr = ar[k], xi = ai[k];
            ar[k] = xr * _kernelReal[k] - xi * _kernelImaginary[k];
            ai[k] = -(xr * _kernelImaginary[k] + xi * _kernelReal[k]);
        }
        _inner.Forward(ar, ai, innerScratch);
        for (int k = 0; k < n; k++)
        {
            float xr = ar[k], xi = -ai[k];
            float cr = _chirpReal[k], ci = _chirpImaginary[k];
            real[k] = xr * cr - xi * ci;
            imaginary[k] = xr * ci + xi * cr;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (v >> 16) | (v << 16);
    }
}
