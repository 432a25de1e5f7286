using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Hark.Audio.Augmentation;

/// <summary>Scales a waveform by a gain in dB: amplitude factor 10^(g/20), so power changes by g dB.</summary>
public static class WaveformGain
{
    public static void Apply(Span<float> samples, double gainDb)
    {
        if (!double.IsFinite(gainDb)) throw new ArgumentOutOfRangeException(nameof(gainDb), gainDb, "WaveformGain: the gain must be finite");
        TensorPrimitives.Multiply(samples, (float)Math.Pow(10, gainDb / 20), samples);
    }
}
