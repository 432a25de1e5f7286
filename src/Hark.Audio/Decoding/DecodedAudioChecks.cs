using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using Hark.Tensors;
using Microsoft.Extensions.Logging;

namespace Hark.Audio;

/// <summary>
/// What every decoder verifies before it returns samples, with one message per failure whatever the format: a sample rate
/// in [<see cref="MinSampleRate"/>, <see cref="MaxSampleRate"/>] Hz (outside it a file is corrupt or not meant for audio
/// classification, and resampling from it would cost or allocate without bound), at least one frame, and finite samples
/// within +-<see cref="MaxSampleMagnitude"/> (one NaN or Inf turns every feature and probability downstream into NaN, and
/// so do values whose squares overflow float32 in the spectrum).
/// </summary>
public static class DecodedAudioChecks
{
    /// <summary>The lowest sample rate decoded (telephone audio is 8000 Hz; below 1 kHz nothing audible survives).</summary>
    public const int MinSampleRate = 1000;

    /// <summary>The highest sample rate decoded (768 kHz, the highest rate audio interfaces and bat recorders use).</summary>
    public const int MaxSampleRate = 768_000;

    /// <summary>
    /// The largest sample magnitude decoded, 2^32: beyond any scaling a tool writes float audio with (full scale 1, or
    /// 2^15 / 2^31 for floats holding PCM values), and small enough that every power spectrum Hark computes stays finite.
    /// </summary>
    public const float MaxSampleMagnitude = 4294967296f;

    /// <summary>The reason given for audio with no frames, by every decoder and every caller that checks.</summary>
    public const string NoSamplesReason = "decodes to no samples (0 frames); an audio file needs at least one";

    public static void CheckSampleRate(string name, long sampleRate)
    {
        if (sampleRate is < MinSampleRate or > MaxSampleRate)
            throw new AudioDecodeException(name,
                $"declares a sample rate of {sampleRate.ToString(CultureInfo.InvariantCulture)} Hz; Hark decodes {MinSampleRate}-{MaxSampleRate} Hz");
    }

    public static void CheckNotEmpty(string name, long frames)
    {
        if (frames == 0) throw new AudioDecodeException(name, NoSamplesReason);
    }

    /// <summary>
    /// Refuses <paramref name="interleaved"/> samples holding a NaN, an infinity or a value beyond +-<see cref="MaxSampleMagnitude"/>,
    /// naming the first; with <see cref="AudioReadOptions.ReplaceUnusableSamples"/> replaces every such sample by 0 instead and
    /// logs one warning naming the file, the count and the first.
    /// </summary>
    public static void CheckSampleValues(string name, Span<float> interleaved, int channels, AudioReadOptions options)
    {
        int bad = IndexOfUnusableSample(interleaved);
        if (bad < 0) return;
        string where = channels == 1 ? $"sample {bad}" : $"sample {bad} (frame {bad / channels}, channel {bad % channels})";
        string first = $"{where} is {Describe(interleaved[bad])}";
        if (!options.ReplaceUnusableSamples)
            throw new AudioDecodeException(name, $"{first}; audio samples must be finite numbers within +-2^32 (--replace-bad-samples replaces them by 0)");
        int replaced = 0;
        for (int i = bad; i < interleaved.Length; i++)
            if (!(Math.Abs(interleaved[i]) <= MaxSampleMagnitude)) { interleaved[i] = 0; replaced++; }
        HarkLogging.For("Hark.Audio.Decoding").LogWarning("{File}: replaced {Count} unusable sample(s) by 0; the first: {First}", name, replaced, first);
    }

    /// <summary>The index of the first NaN, infinity or value beyond +-<see cref="MaxSampleMagnitude"/> in <paramref name="samples"/>, or -1.</summary>
    public static int IndexOfUnusableSample(ReadOnlySpan<float> samples)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var limit = new Vector<float>(MaxSampleMagnitude);
            foreach (var x in MemoryMarshal.Cast<float, Vector<float>>(samples))
            {
                // A NaN compares false, so it stops the vector scan like a value out of range.
                if (!Vector.LessThanOrEqualAll(Vector.Abs(x), limit)) break;
                i += Vector<float>.Count;
            }
        }
        for (; i < samples.Length; i++)
            if (!(Math.Abs(samples[i]) <= MaxSampleMagnitude)) return i;
        return -1;
    }

    /// <summary>The index of the first NaN or infinity in <paramref name="values"/>, or -1.</summary>
    public static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        // x - x is 0 for every finite x and NaN for NaN and both infinities, so one vector compare finds all three.
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            for (int v = 0; v < vectors.Length; v++)
            {
                var x = vectors[v];
                if (!Vector.EqualsAll(x - x, Vector<float>.Zero)) break;
                i += Vector<float>.Count;
            }
        }
        for (; i < values.Length; i++)
            if (!float.IsFinite(values[i])) return i;
        return -1;
    }

    private static string Describe(float value) =>
        float.IsNaN(value) ? "NaN" : float.IsPositiveInfinity(value) ? "+Inf" : float.IsNegativeInfinity(value) ? "-Inf" : value.ToString("G3", CultureInfo.InvariantCulture);
}
