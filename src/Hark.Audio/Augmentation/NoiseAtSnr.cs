using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Hark.Tensors;

namespace Hark.Audio.Augmentation;

/// <summary>
/// Adds noise at an exact signal-to-noise ratio: the noise is rescaled by its own measured power, so
/// 10 log10(mean signal^2 / mean added^2) equals the target up to float rounding. Silence (zero power) is left unchanged,
/// since no noise level has that ratio to it.
/// </summary>
public static class NoiseAtSnr
{
    /// <summary>White Gaussian noise, one draw per sample, written through <paramref name="scratch"/> (same length as the signal).</summary>
    public static void AddWhite(Span<float> signal, double snrDb, Generator generator, Span<float> scratch)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (scratch.Length != signal.Length)
            throw new ArgumentException($"NoiseAtSnr.AddWhite: expected scratch of {signal.Length} floats; got {scratch.Length}");
        for (int i = 0; i < scratch.Length; i++) scratch[i] = (float)generator.NextGaussian();
        Mix(signal, scratch, snrDb);
    }

    public static void AddWhite(float[] signal, double snrDb, Generator generator) =>
        AddWhite(signal, snrDb, generator, new float[signal.Length]);

    /// <summary>Adds <paramref name="noise"/> (same length as the signal, e.g. a background recording) scaled to <paramref name="snrDb"/>.</summary>
    public static void Mix(Span<float> signal, ReadOnlySpan<float> noise, double snrDb)
    {
        if (noise.Length != signal.Length)
            throw new ArgumentException($"NoiseAtSnr.Mix: expected noise of {signal.Length} samples like the signal; got {noise.Length}");
        if (!double.IsFinite(snrDb)) throw new ArgumentOutOfRangeException(nameof(snrDb), snrDb, "NoiseAtSnr: the SNR must be finite");
        double signalPower = MeanSquare(signal);
        double noisePower = MeanSquare(noise);
        if (signalPower == 0 || noisePower == 0) return;
        double scale = Math.Sqrt(signalPower / Math.Pow(10, snrDb / 10) / noisePower);
        TensorPrimitives.MultiplyAdd(noise, (float)scale, signal, signal);
    }

    /// <summary>Mean of the squared samples, accumulated in double.</summary>
    public static double MeanSquare(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var v in x) sum += (double)v * v;
        return x.Length == 0 ? 0 : sum / x.Length;
    }
}
