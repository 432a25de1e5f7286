namespace Hark.Audio.Augmentation;

/// <summary>
/// Changes duration without changing pitch, as librosa.effects.time_stretch: STFT, <see cref="PhaseVocoder"/> at
/// <c>rate</c>, inverse STFT to round(length / rate) samples (Python's round, halves to even). rate &gt; 1 speeds up.
/// </summary>
public static class TimeStretch
{
    public static float[] Apply(ReadOnlySpan<float> samples, double rate, PhaseVocoderOptions? options = null) =>
        Apply(samples, rate, new ComplexStft(options ?? PhaseVocoderOptions.Librosa));

    /// <summary>With a prepared transform, so a loop over many clips builds the FFT plans once.</summary>
    public static float[] Apply(ReadOnlySpan<float> samples, double rate, ComplexStft stft)
    {
        ArgumentNullException.ThrowIfNull(stft);
        if (!(rate > 0) || !double.IsFinite(rate)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "TimeStretch: rate must be positive and finite");
        if (samples.Length == 0) return [];
        if (rate == 1.0) return samples.ToArray();
        var stretched = PhaseVocoder.Stretch(stft.Forward(samples), rate, stft.HopLength);
        return stft.Inverse(stretched, StretchedLength(samples.Length, rate));
    }

    public static int StretchedLength(int length, double rate) => (int)Math.Round(length / rate, MidpointRounding.ToEven);
}
