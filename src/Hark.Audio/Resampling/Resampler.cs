using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Hark.Tensors;

namespace Hark.Audio.Resampling;

/// <summary>
/// Windowed-sinc polyphase resampler equal to torchaudio.transforms.Resample (0.13) at the same settings: after dividing both
/// rates by their gcd (orig, new), output sample n = b*new + i is sum_j x[b*orig - width + j] * kernel[i, j] with
/// kernel[i, j] = sinc(pi * t) * window(t) * base/orig, t = ((j - width)/orig - i/new) * base, base = min(orig, new) * rolloff,
/// clamped to +-lowpass_filter_width; the signal is zero outside; ceil(new * length / orig) samples come out.
/// torchaudio convolves all 2*width + orig taps per output (most of them zero when orig is large); here each phase keeps only
/// the taps inside the window (|t| &lt; lowpass_filter_width; the dropped ones are below 1e-20), padded to a SIMD multiple.
/// Kernels are computed in float64 (i/new rounded to float32, as torchaudio does) and stored as float32.
/// Cost is bounded by design, whatever the rates: when the reduced ratio has a term above <see cref="MaxRatioTerm"/>
/// (rates such as 47999 -> 16000, or a corrupt header's 10000019 Hz), new/orig is replaced by the closest fraction with
/// both terms at most <see cref="MaxRatioTerm"/> (<see cref="RationalApproximation"/>): a relative rate error
/// (<see cref="RateError"/>) of at most 1/4096, 1.3e-4 at worst for inputs of 1-768 kHz to the common rates (0.2 cent of
/// pitch), and exact torchaudio equality for every rate pair whose reduced terms fit (44.1/48/22.05/32/16/8 kHz and their
/// multiples). The tap window of each phase is computed, not searched, so building costs about
/// 2 * lowpass_filter_width * max(orig, new) / rolloff kernel evaluations (50,000 at the default) and holds as many floats.
/// Immutable and thread-safe; one instance per rate pair can be shared by every worker.
/// </summary>
public sealed class Resampler
{
    private readonly float[] _taps;   // [new phases, _stride]
    private readonly int[] _offsets;  // first input index of phase i, relative to b*orig
    private readonly int _stride;

    public Resampler(int origFreq, int newFreq, ResamplerOptions? options = null)
    {
        if (origFreq <= 0 || newFreq <= 0)
            throw new ArgumentException($"Resampler: sample rates must be positive; got orig_freq={origFreq}, new_freq={newFreq}");
        Options = options ?? ResamplerOptions.Torchaudio;
        Options.Validate();
        OrigFreq = origFreq;
        NewFreq = newFreq;
        int gcd = Gcd(origFreq, newFreq);
        Orig = origFreq / gcd;
        New = newFreq / gcd;
        if (Math.Max(Orig, New) > MaxRatioTerm)
        {
            if ((long)Math.Max(origFreq, newFreq) > (long)MaxRatioTerm * Math.Min(origFreq, newFreq))
                throw new ArgumentException($"Resampler: {origFreq} -> {newFreq} Hz is a ratio beyond {MaxRatioTerm}:1; resampling supports ratios up to that");
            double exact = (double)newFreq / origFreq;
            (New, Orig) = RationalApproximation.Closest(exact, MaxRatioTerm);
            RateError = Math.Abs((double)New / Orig / exact - 1);
        }
        BaseFreq = Math.Min(Orig, New) * Options.Rolloff;
        Width = (int)Math.Ceiling(Options.LowpassFilterWidth * Orig / BaseFreq);
        _offsets = new int[New];
        if (Orig == New) { _taps = []; return; }
        var ranges = new (int First, int Last)[New];
        int widest = 0;
        double reach = Options.LowpassFilterWidth / BaseFreq * Orig;
        for (int i = 0; i < New; i++)
        {
            // |t| < width holds on one run of taps (t grows with j) centred on width + orig * i/new; scan just past its
            // computed ends with the exact test, so the kept taps are those a search over all 2*width + orig would keep.
            double centre = Width - KernelTime(i, Width) / BaseFreq * Orig;
            int low = (int)Math.Max(0, Math.Floor(centre - reach) - 1), high = (int)Math.Min(2 * Width + Orig - 1, Math.Ceiling(centre + reach) + 1);
            int first = -1, last = -1;
            for (int j = low; j <= high; j++)
                if (Math.Abs(KernelTime(i, j)) < Options.LowpassFilterWidth)
                {
                    if (first < 0) first = j;
                    last = j;
                }
            if (first < 0) { first = 0; last = -1; }
            ranges[i] = (first, last);
            widest = Math.Max(widest, last - first + 1);
        }
        int lanes = Vector<float>.Count;
        _stride = Math.Max(lanes, (widest + lanes - 1) / lanes * lanes);
        _taps = new float[New * _stride];
        for (int i = 0; i < New; i++)
        {
            _offsets[i] = ranges[i].First - Width;
            for (int j = ranges[i].First; j <= ranges[i].Last; j++)
                _taps[i * _stride + j - ranges[i].First] = (float)KernelValue(i, j);
        }
        MinOffset = _offsets.Min();
        MaxReach = _offsets.Max() + _stride;
    }

    /// <summary>The largest term of the rate ratio kept exactly; larger reduced ratios are approximated (see the class summary).</summary>
    public const int MaxRatioTerm = 4096;

    public ResamplerOptions Options { get; }

    /// <summary>|(new/orig) / (new_freq/orig_freq) - 1|: 0 when the ratio is exact, at most 1/<see cref="MaxRatioTerm"/> otherwise.</summary>
    public double RateError { get; }

    public int OrigFreq { get; }

    public int NewFreq { get; }

    /// <summary>orig_freq / gcd, or the denominator of the approximated ratio.</summary>
    public int Orig { get; }

    /// <summary>new_freq / gcd, or the numerator of the approximated ratio.</summary>
    public int New { get; }

    /// <summary>torchaudio's base_freq: min(orig, new) * rolloff (in gcd units).</summary>
    public double BaseFreq { get; }

    /// <summary>torchaudio's width: ceil(lowpass_filter_width * orig / base_freq).</summary>
    public int Width { get; }

    /// <summary>Taps per output sample after trimming (the SIMD-padded stride).</summary>
    public int TapsPerOutput => _stride;

    private int MinOffset { get; }

    private int MaxReach { get; }

    /// <summary>
    /// Input samples that determine the first <paramref name="outputLength"/> output samples: resampling a longer signal's
    /// first that many samples gives those outputs exactly (the taps of the last one end inside it, and the output is at
    /// least that long, with room for one more group of eight, so each of them is computed by the same kernel tier).
    /// </summary>
    public long InputLengthFor(int outputLength)
    {
        if (outputLength <= 0) return 0;
        if (Orig == New) return outputLength;
        long lastBlock = (outputLength + 7L) / New;
        return Math.Max(lastBlock * Orig + MaxReach, ((outputLength + 8L) * Orig + New - 1) / New) + Orig;
    }

    /// <summary>ceil(new * length / orig), torchaudio's target_length.</summary>
    public int OutputLength(int inputLength) => (int)((New * (long)inputLength + Orig - 1) / Orig);

    /// <summary>Resamples <paramref name="input"/> into <paramref name="output"/> (<see cref="OutputLength"/> samples).</summary>
    public void Resample(ReadOnlySpan<float> input, Span<float> output)
    {
        int outLength = OutputLength(input.Length);
        if (output.Length != outLength)
            throw new ArgumentException($"Resampler.Resample({OrigFreq} -> {NewFreq} Hz): expected an output of {outLength} samples for {input.Length} input samples; got {output.Length}");
        if (Orig == New) { input.CopyTo(output); return; }
        if (outLength == 0) return;
        // Zero-pad so every tap window lies inside the buffer, leaving the inner loop free of bounds checks on the signal.
        int left = Math.Max(0, -MinOffset);
        int lastBlock = (outLength - 1) / New;
        int needed = lastBlock * Orig + MaxReach + left;
        int total = Math.Max(needed, left + input.Length);
        var rented = ArrayPool<float>.Shared.Rent(total);
        try
        {
            var padded = rented.AsSpan(0, total);
            padded[..left].Clear();
            input.CopyTo(padded[left..]);
            padded[(left + input.Length)..].Clear();
            var taps = _taps.AsSpan();
            int n = Avx.IsSupported && _stride % Vector256<float>.Count == 0 ? ResampleEightAtATime(padded, output, left) : 0;
            for (int block = n / New, i = n % New; n < outLength; n++)
            {
                output[n] = Dot(padded.Slice(block * Orig + left + _offsets[i], _stride), taps.Slice(i * _stride, _stride));
                if (++i == New) { i = 0; block++; }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>Returns the resampled signal as a new array.</summary>
    public float[] Resample(ReadOnlySpan<float> input)
    {
        var output = new float[OutputLength(input.Length)];
        Resample(input, output);
        return output;
    }

    /// <summary>Resamples the last axis of a [..., time] tensor.</summary>
    public Tensor Resample(Tensor waveform)
    {
        ShapeException.Check(waveform.Shape.Length >= 1, "Resampler.Resample", "a waveform [..., time]", waveform);
        int length = waveform.Shape[^1], rows = length == 0 ? 0 : waveform.Numel / length;
        int outLength = OutputLength(length);
        var source = waveform.Detach().ToArray();
        var result = new float[rows * outLength];
        for (int r = 0; r < rows; r++)
            Resample(source.AsSpan(r * length, length), result.AsSpan(r * outLength, outLength));
        var shape = waveform.Shape.ToArray();
        shape[^1] = outLength;
        return Tensor.FromArray(result, shape);
    }

    /// <summary>
    /// The direct transcription of torchaudio's algorithm: every one of the 2*width + orig taps, kernel values computed on the
    /// fly in double and rounded to float, accumulated in double. The reference <see cref="Resample(ReadOnlySpan{float}, Span{float})"/> is tested against.
    /// </summary>
    public void ResampleReference(ReadOnlySpan<float> input, Span<float> output)
    {
        int outLength = OutputLength(input.Length);
        if (output.Length != outLength)
            throw new ArgumentException($"Resampler.ResampleReference: expected {outLength} output samples; got {output.Length}");
        if (Orig == New) { input.CopyTo(output); return; }
        for (int n = 0; n < outLength; n++)
        {
            int block = n / New, phase = n % New;
            double sum = 0;
            for (int j = 0; j < 2 * Width + Orig; j++)
            {
                int k = block * Orig - Width + j;
                if (k >= 0 && k < input.Length) sum += input[k] * (double)(float)KernelValue(phase, j);
            }
            output[n] = (float)sum;
        }
    }

    // t for phase i, tap j, before clamping: ((j - width)/orig - i/new) * base_freq, with i/new rounded to float32 as torch's
    // integer arange divided by an int is.
    private double KernelTime(int phase, int tap)
    {
        double phaseTime = (float)(-phase) / (float)New;
        return (phaseTime + (double)(tap - Width) / Orig) * BaseFreq;
    }

    private double KernelValue(int phase, int tap)
    {
        double width = Options.LowpassFilterWidth;
        double t = Math.Clamp(KernelTime(phase, tap), -width, width);
        double window;
        if (Options.Window == SincWindow.Hann)
        {
            double c = Math.Cos(t * Math.PI / width / 2);
            window = c * c;
        }
        else
        {
            float beta = (float)Options.Beta;
            double r = t / width;
            window = BesselI0(beta * Math.Sqrt(1 - r * r)) / (float)BesselI0(beta);
        }
        t *= Math.PI;
        double sinc = t == 0 ? 1.0 : Math.Sin(t) / t;
        return sinc * (window * (BaseFreq / Orig));
    }

    // The AVX tier: eight outputs at a time, each a vector accumulator over its taps, then one transpose-and-add of the eight
    // accumulators (horizontal adds and a lane swap) instead of eight separate horizontal sums, which otherwise cost about
    // as much as the multiply-adds at 16 taps per output. Returns how many outputs it wrote (a multiple of eight); the
    // caller finishes the rest with Dot.
    private int ResampleEightAtATime(ReadOnlySpan<float> padded, Span<float> output, int left)
    {
        int groups = output.Length / 8, vectors = _stride / Vector256<float>.Count;
        ref float signal = ref MemoryMarshal.GetReference(padded);
        ref float taps = ref MemoryMarshal.GetArrayDataReference(_taps);
        Span<int> starts = stackalloc int[8];
        Span<int> rows = stackalloc int[8];
        int block = 0, phase = 0;
        for (int g = 0; g < groups; g++)
        {
            for (int k = 0; k < 8; k++)
            {
                starts[k] = block * Orig + left + _offsets[phase];
                rows[k] = phase * _stride;
                if (++phase == New) { phase = 0; block++; }
            }
            var a0 = Accumulate(ref Unsafe.Add(ref signal, starts[0]), ref Unsafe.Add(ref taps, rows[0]), vectors);
            var a1 = Accumulate(ref Unsafe.Add(ref signal, starts[1]), ref Unsafe.Add(ref taps, rows[1]), vectors);
            var a2 = Accumulate(ref Unsafe.Add(ref signal, starts[2]), ref Unsafe.Add(ref taps, rows[2]), vectors);
            var a3 = Accumulate(ref Unsafe.Add(ref signal, starts[3]), ref Unsafe.Add(ref taps, rows[3]), vectors);
            var a4 = Accumulate(ref Unsafe.Add(ref signal, starts[4]), ref Unsafe.Add(ref taps, rows[4]), vectors);
            var a5 = Accumulate(ref Unsafe.Add(ref signal, starts[5]), ref Unsafe.Add(ref taps, rows[5]), vectors);
            var a6 = Accumulate(ref Unsafe.Add(ref signal, starts[6]), ref Unsafe.Add(ref taps, rows[6]), vectors);
            var a7 = Accumulate(ref Unsafe.Add(ref signal, starts[7]), ref Unsafe.Add(ref taps, rows[7]), vectors);
            // hadd pairs within each 128-bit lane: h0123 = [s0 s1 s2 s3 | t0 t1 t2 t3] (s: low-lane sums, t: high-lane sums).
            var h0123 = Avx.HorizontalAdd(Avx.HorizontalAdd(a0, a1), Avx.HorizontalAdd(a2, a3));
            var h4567 = Avx.HorizontalAdd(Avx.HorizontalAdd(a4, a5), Avx.HorizontalAdd(a6, a7));
            var sums = Avx.Add(Avx.Permute2x128(h0123, h4567, 0x20), Avx.Permute2x128(h0123, h4567, 0x31));
            sums.StoreUnsafe(ref MemoryMarshal.GetReference(output), (nuint)(g * 8));
        }
        return groups * 8;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Accumulate(ref float x, ref float w, int vectors)
    {
        var acc = Vector256<float>.Zero;
        for (int v = 0; v < vectors; v++)
            acc += Vector256.LoadUnsafe(ref x, (nuint)(v * 8)) * Vector256.LoadUnsafe(ref w, (nuint)(v * 8));
        return acc;
    }

    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> w)
    {
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vw = MemoryMarshal.Cast<float, Vector<float>>(w);
        var acc = Vector<float>.Zero;
        for (int v = 0; v < vx.Length; v++) acc += vx[v] * vw[v];
        return Vector.Sum(acc);
    }

    /// <summary>Modified Bessel function of the first kind, order 0, by its power series (converges for the betas used here).</summary>
    internal static double BesselI0(double x)
    {
        double sum = 1, term = 1, quarter = x * x / 4;
        for (int k = 1; k < 500; k++)
        {
            term *= quarter / ((double)k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
