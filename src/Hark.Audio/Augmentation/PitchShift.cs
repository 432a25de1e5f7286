using Hark.Audio.Resampling;

namespace Hark.Audio.Augmentation;

/// <summary>
/// Shifts pitch by n steps without changing duration, as librosa.effects.pitch_shift: time-stretch by
/// rate = 2^(-n / bins_per_octave), resample by the ratio rate (from sr / rate to sr), then cut or zero-pad to the input
/// length. The resampler needs integer rates, so the ratio is the closest fraction p / q with p, q &lt;= 1000: typically
/// within 1e-5 of the exact ratio, and within 5e-4 (under a cent) for any shift up to an octave either way.
/// </summary>
public static class PitchShift
{
    public const int MaxRatioTerm = 1000;

    public static float[] Apply(ReadOnlySpan<float> samples, double steps, int binsPerOctave = 12,
        PhaseVocoderOptions? vocoder = null, ResamplerOptions? resampling = null) =>
        Apply(samples, steps, binsPerOctave, new ComplexStft(vocoder ?? PhaseVocoderOptions.Librosa), resampling);

    public static float[] Apply(ReadOnlySpan<float> samples, double steps, int binsPerOctave, ComplexStft stft, ResamplerOptions? resampling = null)
    {
        if (samples.Length == 0 || steps == 0) return samples.ToArray();
        return Apply(samples, steps, binsPerOctave, stft, CreateResampler(steps, binsPerOctave, resampling));
    }

    /// <summary>With prepared plans; <paramref name="resampler"/> must come from <see cref="CreateResampler"/> for the same steps.</summary>
    public static float[] Apply(ReadOnlySpan<float> samples, double steps, int binsPerOctave, ComplexStft stft, Resampler resampler)
    {
        ArgumentNullException.ThrowIfNull(stft);
        ArgumentNullException.ThrowIfNull(resampler);
        double rate = Rate(steps, binsPerOctave);
        var (numerator, denominator) = Ratio(rate);
        if (resampler.New * denominator != resampler.Orig * numerator)
            throw new ArgumentException($"PitchShift.Apply: the resampler converts {resampler.OrigFreq} -> {resampler.NewFreq} Hz, but {steps} steps need the ratio {numerator}/{denominator}");
        if (samples.Length == 0 || steps == 0) return samples.ToArray();
        var resampled = resampler.Resample(TimeStretch.Apply(samples, rate, stft));
        var output = new float[samples.Length];
        resampled.AsSpan(0, Math.Min(resampled.Length, output.Length)).CopyTo(output);
        return output;
    }

    /// <summary>
    /// The resampler for a shift of <paramref name="steps"/>: from q to p "Hz" where p / q approximates the stretch rate.
    /// Building one costs far more than using it (tens of milliseconds for large p and q), so loops over clips keep it.
    /// </summary>
    public static Resampler CreateResampler(double steps, int binsPerOctave = 12, ResamplerOptions? resampling = null)
    {
        var (numerator, denominator) = Ratio(Rate(steps, binsPerOctave));
        return new Resampler(denominator, numerator, resampling ?? ResamplerOptions.KaiserBest);
    }

    /// <summary>librosa's stretch rate for a shift: 2^(-steps / bins_per_octave).</summary>
    public static double Rate(double steps, int binsPerOctave)
    {
        if (!double.IsFinite(steps)) throw new ArgumentOutOfRangeException(nameof(steps), steps, "PitchShift: steps must be finite");
        if (binsPerOctave < 1) throw new ArgumentOutOfRangeException(nameof(binsPerOctave), binsPerOctave, "PitchShift: bins_per_octave must be >= 1");
        return Math.Pow(2, -steps / binsPerOctave);
    }

    /// <summary>The closest fraction p / q to <paramref name="value"/> with p, q &lt;= <see cref="MaxRatioTerm"/> (see <see cref="RationalApproximation"/>).</summary>
    public static (int Numerator, int Denominator) Ratio(double value) => RationalApproximation.Closest(value, MaxRatioTerm);
}
