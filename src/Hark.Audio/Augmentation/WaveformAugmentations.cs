using System.Collections.Concurrent;
using Hark.Audio.Resampling;
using Hark.Tensors;

namespace Hark.Audio.Augmentation;

/// <summary>
/// The waveform augmentations switched on in a <see cref="WaveformAugmentationOptions"/>, applied to mono samples in its
/// documented order. Returns a new array: time stretching changes the length, so callers crop or pad afterwards
/// (the front end's fixed-length policy). The FFT plans are built once per instance and the pitch-shift resamplers once per
/// quantised step; all of them are immutable, so one instance serves parallel loader workers.
/// </summary>
public sealed class WaveformAugmentations
{
    private readonly ComplexStft? _stretchStft;
    private readonly ComplexStft? _pitchStft;
    private readonly ConcurrentDictionary<long, Resampler> _pitchResamplers = new();

    public WaveformAugmentations(WaveformAugmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TimeStretch?.Validate();
        options.PitchShift?.Validate();
        options.TimeShift?.Validate();
        options.Gain?.Validate();
        options.Noise?.Validate();
        Options = options;
        if (options.TimeStretch is { } stretch) _stretchStft = new ComplexStft(stretch.Vocoder);
        if (options.PitchShift is { } pitch) _pitchStft = new ComplexStft(pitch.Vocoder);
    }

    public WaveformAugmentationOptions Options { get; }

    public float[] Apply(ReadOnlySpan<float> samples, int sampleRate, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (sampleRate < 1) throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "WaveformAugmentations: the sample rate must be positive");
        var output = samples.ToArray();
        if (Options.TimeStretch is { } stretch && generator.NextFloat() < stretch.P)
            output = TimeStretch.Apply(output, Uniform(generator, stretch.MinRate, stretch.MaxRate), _stretchStft!);
        if (Options.PitchShift is { } pitch && generator.NextFloat() < pitch.P)
            output = ShiftPitch(output, Uniform(generator, pitch.MinSteps, pitch.MaxSteps), pitch);
        if (Options.TimeShift is { } shift && generator.NextFloat() < shift.P)
        {
            int maxShift = (int)Math.Floor(shift.MaxSeconds * (double)sampleRate);
            WaveformShift.Apply(output, generator.NextInt(-maxShift, maxShift), shift.Mode);
        }
        if (Options.Gain is { } gain && generator.NextFloat() < gain.P)
            WaveformGain.Apply(output, Uniform(generator, gain.MinGainDb, gain.MaxGainDb));
        if (Options.Noise is { } noise && generator.NextFloat() < noise.P)
            NoiseAtSnr.AddWhite(output, Uniform(generator, noise.MinSnrDb, noise.MaxSnrDb), generator);
        return output;
    }

    private float[] ShiftPitch(float[] samples, double steps, PitchShiftOptions pitch)
    {
        if (pitch.StepResolution == 0)
            return PitchShift.Apply(samples, steps, pitch.BinsPerOctave, _pitchStft!, pitch.Resampling);
        long index = (long)Math.Round(steps / pitch.StepResolution, MidpointRounding.ToEven);
        double quantised = index * (double)pitch.StepResolution;
        if (quantised == 0) return samples;
        var resampler = _pitchResamplers.GetOrAdd(index, _ => PitchShift.CreateResampler(quantised, pitch.BinsPerOctave, pitch.Resampling));
        return PitchShift.Apply(samples, quantised, pitch.BinsPerOctave, _pitchStft!, resampler);
    }

    private static double Uniform(Generator generator, double min, double max) => min + (max - min) * generator.NextDouble();
}
