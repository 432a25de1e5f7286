namespace Hark.Audio.Augmentation;

/// <summary>
/// The waveform augmentations of a recipe; a null entry is off. <see cref="WaveformAugmentations"/> applies them in this
/// order: time stretch, pitch shift, time shift, gain, noise (noise last, so its SNR is measured on the final signal).
/// Each draws one uniform against its p, then its parameter uniformly from its range.
/// </summary>
public sealed record WaveformAugmentationOptions
{
    public TimeStretchOptions? TimeStretch { get; init; }
    public PitchShiftOptions? PitchShift { get; init; }
    public WaveformShiftOptions? TimeShift { get; init; }
    public WaveformGainOptions? Gain { get; init; }
    public NoiseOptions? Noise { get; init; }

    internal static void CheckProbability(float p, string option)
    {
        if (!(p >= 0f && p <= 1f)) throw new ArgumentOutOfRangeException(option, p, $"{option}: a probability must lie in [0, 1]");
    }

    internal static void CheckRange(double min, double max, string option)
    {
        if (!(min <= max) || !double.IsFinite(min) || !double.IsFinite(max))
            throw new ArgumentOutOfRangeException(option, $"{option}: expected finite min <= max; got {min} and {max}");
    }
}
