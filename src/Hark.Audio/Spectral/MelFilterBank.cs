using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Hark.Tensors;

namespace Hark.Audio.Spectral;

/// <summary>
/// Triangular mel filters over the n_fft/2+1 STFT bins, held as [n_mels, bins] (librosa.filters.mel's layout; torchaudio's
/// melscale_fbanks is the transpose). Each filter is applied as a dot product over its non-zero bins only, so a frame costs
/// about two multiply-adds per bin: the non-zero run of every filter is kept packed, widened to whole SIMD vectors, and
/// multiplied in place of the dense row. Immutable and thread-safe.
/// </summary>
public sealed class MelFilterBank
{
    private readonly float[] _weights;

    // Filter m's weights over bins [_firstBin[m], _firstBin[m] + _packedLength[m]) sit at _packed[_packedOffset[m]..]: its
    // non-zero bins, widened with the row's own zeros to a multiple of the vector width where the bins allow.
    private readonly float[] _packed;
    private readonly int[] _packedOffset;
    private readonly int[] _firstBin;
    private readonly int[] _packedLength;

    public MelFilterBank(MelFilterBankOptions options)
    {
        options.Validate();
        Options = options;
        _weights = options.Formula == MelFormula.Librosa ? LibrosaWeights(options) : TorchaudioWeights(options);
        int bins = options.Bins, width = Vector256<float>.Count;
        _packedOffset = new int[options.NMels];
        _firstBin = new int[options.NMels];
        _packedLength = new int[options.NMels];
        var packed = new List<float>();
        for (int m = 0; m < options.NMels; m++)
        {
            var row = _weights.AsSpan(m * bins, bins);
            int first = row.IndexOfAnyExcept(0f), last = row.LastIndexOfAnyExcept(0f);
            if (first < 0) continue;
            int length = Math.Min((last + 1 - first + width - 1) / width * width, bins);
            _firstBin[m] = Math.Min(first, bins - length);
            _packedLength[m] = length;
            _packedOffset[m] = packed.Count;
            packed.AddRange(row.Slice(_firstBin[m], length));
        }
        _packed = packed.ToArray();
    }

    public MelFilterBankOptions Options { get; }

    public int NMels => Options.NMels;

    public int Bins => Options.Bins;

    /// <summary>The dense weights, [n_mels, bins] row-major.</summary>
    public ReadOnlySpan<float> Weights => _weights;

    /// <summary>The weights as a tensor [n_mels, bins] (librosa's layout; transpose for torchaudio's [bins, n_mels]).</summary>
    public Tensor ToTensor() => Tensor.FromArray((float[])_weights.Clone(), NMels, Bins);

    /// <summary>mels[m] = sum_k weights[m, k] * spectrum[k] for one frame.</summary>
    public void Apply(ReadOnlySpan<float> spectrum, Span<float> mels)
    {
        int bins = Bins;
        if (spectrum.Length != bins || mels.Length != NMels)
            throw new ArgumentException($"MelFilterBank.Apply: expected a spectrum of {bins} bins and {NMels} mel outputs; got {spectrum.Length} and {mels.Length}");
        ref float weights = ref MemoryMarshal.GetArrayDataReference(_packed);
        ref float values = ref MemoryMarshal.GetReference(spectrum);
        for (int m = 0; m < mels.Length; m++)
            mels[m] = Dot(ref Unsafe.Add(ref weights, _packedOffset[m]), ref Unsafe.Add(ref values, _firstBin[m]), _packedLength[m]);
    }

    // A few vectors per filter: a plain loop beats a general-purpose dot product's dispatch at these lengths.
    private static float Dot(ref float weights, ref float values, int length)
    {
        int i = 0;
        float sum = 0f;
        if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            var accumulator = Vector256<float>.Zero;
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
                accumulator += Vector256.LoadUnsafe(ref weights, (nuint)i) * Vector256.LoadUnsafe(ref values, (nuint)i);
            sum = Vector256.Sum(accumulator);
        }
        for (; i < length; i++) sum += Unsafe.Add(ref weights, i) * Unsafe.Add(ref values, i);
        return sum;
    }

    /// <summary>The plain dense product over every bin: the reference <see cref="Apply"/> is tested against.</summary>
    public void ApplyReference(ReadOnlySpan<float> spectrum, Span<float> mels)
    {
        for (int m = 0; m < NMels; m++)
        {
            double sum = 0;
            for (int k = 0; k < Bins; k++) sum += (double)_weights[m * Bins + k] * spectrum[k];
            mels[m] = (float)sum;
        }
    }

    /// <summary>Hz to mel in double precision, as librosa.hz_to_mel and torchaudio's _hz_to_mel compute it.</summary>
    public static double HzToMel(double hz, MelScale scale)
    {
        if (scale == MelScale.Htk) return 2595.0 * Math.Log10(1.0 + hz / 700.0);
        const double fSp = 200.0 / 3, minLogHz = 1000.0, minLogMel = minLogHz / fSp;
        double logStep = Math.Log(6.4) / 27.0;
        return hz >= minLogHz ? minLogMel + Math.Log(hz / minLogHz) / logStep : hz / fSp;
    }

    /// <summary>Mel to Hz in double precision (librosa.mel_to_hz).</summary>
    public static double MelToHz(double mel, MelScale scale)
    {
        if (scale == MelScale.Htk) return 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);
        const double fSp = 200.0 / 3, minLogHz = 1000.0, minLogMel = minLogHz / fSp;
        double logStep = Math.Log(6.4) / 27.0;
        return mel >= minLogMel ? minLogHz * Math.Exp(logStep * (mel - minLogMel)) : fSp * mel;
    }

    // librosa.filters.mel: float64 triangles from np.linspace mel points and np.fft.rfftfreq bins, rounded to float32,
    // then (norm="slaney") multiplied in float64 by 2 / bandwidth and rounded again, as numpy's in-place *= does.
    private static float[] LibrosaWeights(MelFilterBankOptions o)
    {
        int nMels = o.NMels, bins = o.Bins, points = nMels + 2;
        double minMel = HzToMel(o.FMin, o.Scale), maxMel = HzToMel(o.ResolvedFMax, o.Scale);
        double step = (maxMel - minMel) / (points - 1);
        var melHz = new double[points];
        for (int i = 0; i < points; i++) melHz[i] = MelToHz(i == points - 1 ? maxMel : i * step + minMel, o.Scale);
        double binHz = 1.0 / (o.NFft * (1.0 / o.SampleRate));
        var weights = new float[nMels * bins];
        for (int m = 0; m < nMels; m++)
        {
            double lowerWidth = melHz[m + 1] - melHz[m], upperWidth = melHz[m + 2] - melHz[m + 1];
            double enorm = 2.0 / (melHz[m + 2] - melHz[m]);
            for (int k = 0; k < bins; k++)
            {
                double f = k * binHz;
                double lower = -(melHz[m] - f) / lowerWidth, upper = (melHz[m + 2] - f) / upperWidth;
                float w = (float)Math.Max(0.0, Math.Min(lower, upper));
                weights[m * bins + k] = o.Norm == MelNorm.Slaney ? (float)(w * enorm) : w;
            }
        }
        return weights;
    }

    // torchaudio.functional.melscale_fbanks: float32 throughout, with torch.linspace's rounding and sample_rate // 2.
    private static float[] TorchaudioWeights(MelFilterBankOptions o)
    {
        int nMels = o.NMels, bins = o.Bins, points = nMels + 2;
        var allFreqs = TorchLinspace(0f, o.SampleRate / 2, bins);
        var mels = TorchLinspace((float)HzToMel(o.FMin, o.Scale), (float)HzToMel(o.ResolvedFMax, o.Scale), points);
        var fPts = new float[points];
        for (int i = 0; i < points; i++)
        {
            float m = mels[i];
            if (o.Scale == MelScale.Htk)
                fPts[i] = 700f * ((float)Math.Pow(10.0, m / 2595f) - 1f);
            else
            {
                const float minLogMel = (float)(1000.0 / (200.0 / 3));
                float logStep = (float)(Math.Log(6.4) / 27.0);
                fPts[i] = m >= minLogMel ? 1000f * SleefExp(logStep * (m - minLogMel)) : 0f + (float)(200.0 / 3) * m;
            }
        }
        var weights = new float[nMels * bins];
        for (int m = 0; m < nMels; m++)
        {
            float lowerWidth = fPts[m + 1] - fPts[m], upperWidth = fPts[m + 2] - fPts[m + 1];
            float enorm = 2f / (fPts[m + 2] - fPts[m]);
            for (int k = 0; k < bins; k++)
            {
                float down = (-1f * (fPts[m] - allFreqs[k])) / lowerWidth;
                float up = (fPts[m + 2] - allFreqs[k]) / upperWidth;
                float w = MathF.Max(0f, MathF.Min(down, up));
                weights[m * bins + k] = o.Norm == MelNorm.Slaney ? w * enorm : w;
            }
        }
        return weights;
    }

    // torch's vectorised float32 exp (SLEEF expf_u10, AVX2 with FMA), which differs from the correctly rounded exp in the last
    // bit for about one argument in ten; the mel points of Slaney banks go through it.
    private static float SleefExp(float d)
    {
        int q = (int)MathF.Round(d * 1.442695040888963407359924681001892137426645954152985934135449406931f, MidpointRounding.ToEven);
        float s = MathF.FusedMultiplyAdd(q, -0.693145751953125f, d);
        s = MathF.FusedMultiplyAdd(q, -1.428606765330187045e-06f, s);
        float u = 0.000198527617612853646278381f;
        u = MathF.FusedMultiplyAdd(u, s, 0.00139304355252534151077271f);
        u = MathF.FusedMultiplyAdd(u, s, 0.00833336077630519866943359f);
        u = MathF.FusedMultiplyAdd(u, s, 0.0416664853692054748535156f);
        u = MathF.FusedMultiplyAdd(u, s, 0.166666671633720397949219f);
        u = MathF.FusedMultiplyAdd(u, s, 0.5f);
        u = 1f + MathF.FusedMultiplyAdd(s * s, u, s);
        return MathF.ScaleB(u, q);
    }

    // torch.linspace on CPU for float32: step in float32; the first half counts up from start, the second down from end,
    // in vectors of 8 lanes that add lane * step to the vector's first value, with a scalar tail.
    private static float[] TorchLinspace(float start, float end, int steps)
    {
        var values = new float[steps];
        if (steps == 1) { values[0] = start; return values; }
        float step = (end - start) / (steps - 1);
        int halfway = steps / 2, i = 0;
        for (; i + 8 <= steps; i += 8)
        {
            float baseValue = i < halfway ? start + step * i : end - step * (steps - i - 1);
            for (int lane = 0; lane < 8; lane++) values[i + lane] = baseValue + lane * step;
        }
        for (; i < steps; i++) values[i] = i < halfway ? start + step * i : end - step * (steps - i - 1);
        return values;
    }
}
