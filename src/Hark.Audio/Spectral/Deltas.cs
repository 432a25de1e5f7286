using Hark.Tensors;

namespace Hark.Audio.Spectral;

/// <summary>
/// Delta (time-derivative) coefficients like torchaudio.functional.compute_deltas(specgram, win_length, mode="replicate"):
/// d[t] = sum_{i=1..N} i * (c[t+i] - c[t-i]) / (2 * sum_{i=1..N} i^2), N = (win_length - 1) / 2, edges replicated.
/// </summary>
public static class Deltas
{
    /// <summary>Deltas of each row of <paramref name="features"/> [rows, frames] into <paramref name="destination"/> (same shape).</summary>
    public static void Compute(ReadOnlySpan<float> features, int frames, Span<float> destination, int winLength = 5)
    {
        if (winLength < 3) throw new ArgumentException($"Deltas.Compute: win_length must be >= 3; got {winLength}");
        if (frames < 1 || features.Length % frames != 0 || destination.Length != features.Length)
            throw new ArgumentException($"Deltas.Compute: expected features and destination of [rows, {frames}] floats; got {features.Length} and {destination.Length}");
        int n = (winLength - 1) / 2;
        float denominator = n * (n + 1) * (2 * n + 1) / 3f;
        for (int row = 0; row < features.Length / frames; row++)
        {
            var c = features.Slice(row * frames, frames);
            var d = destination.Slice(row * frames, frames);
            for (int t = 0; t < frames; t++)
            {
                float sum = 0;
                for (int i = -n; i <= n; i++) sum += i * c[Math.Clamp(t + i, 0, frames - 1)];
                d[t] = sum / denominator;
            }
        }
    }

    /// <summary>Deltas along the last axis of a [rows, frames] tensor.</summary>
    public static Tensor Compute(Tensor features, int winLength = 5)
    {
        ShapeException.Check(features.Shape.Length == 2, "Deltas.Compute", "features [rows, frames]", features);
        var result = new float[features.Numel];
        Compute(features.Detach().ToArray(), features.Shape[1], result, winLength);
        return Tensor.FromArray(result, features.Shape);
    }
}
