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

    public float[] Apply(ReadOnlySpan<float> samples, int sampleRate, Generator generator) => Augment(samples, sampleRate, generator, out _);

    /// <summary>
    /// <see cref="Apply"/> with the same draws, but null when none of the augmentations fired (every p draw failed), so a
    /// caller holding features of the clean clip can keep them instead of recomputing identical ones.
    /// </summary>
    public float[]? ApplyIfAnyFires(ReadOnlySpan<float> samples, int sampleRate, Generator generator)
    {
        var output = Augment(samples, sampleRate, generator, out bool fired);
        return fired ? output : null;
    }

    private float[] Augment(ReadOnlySpan<float> samples, int sampleRate, Generator generator, out bool fired)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (sampleRate < 1) throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "WaveformAugmentations: the sample rate must be positive");
        var output = samples.ToArray();
        fired = false;
        if (Options.TimeStretch is { } stretch && generator.NextFloat() < stretch.P)
        {
            output = TimeStretch.Apply(output, Uniform(generator, stretch.MinRate, stretch.MaxRate), _stretchStft!);
            fired = true;
        }
        if (Options.PitchShift is { } pitch && generator.NextFloat() < pitch.P)
        {
            output = ShiftPitch(output, Uniform(generator, pitch.MinSteps, pitch.MaxSteps), pitch);
            fired = true;
        }
        if (Options.TimeShift is { } shift && generator.NextFloat() < shift.P)
        {
            int maxShift = (int)Math.Floor(shift.MaxSeconds * (double)sampleRate);
            WaveformShift.Apply(output, generator.NextInt(-maxShift, maxShift), shift.Mode);
            fired = true;
        }
        if (Options.Gain is { } gain && generator.NextFloat() < gain.P)
        {
            WaveformGain.Apply(output, Uniform(generator, gain.MinGainDb, gain.MaxGainDb));
            fired = true;
        }
        if (Options.Noise is { } noise && generator.NextFloat() < noise.P)
        {
            NoiseAtSnr.AddWhite(output, Uniform(generator, noise.MinSnrDb, noise.MaxSnrDb), generator);
            fired = true;
        }
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
