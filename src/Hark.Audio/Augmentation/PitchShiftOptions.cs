using Hark.Audio.Resampling;

namespace Hark.Audio.Augmentation;

/// <summary>
/// Steps uniform in [min_steps, max_steps] (semitones with 12 bins per octave), rounded to a multiple of step_resolution
/// so that the few resamplers those steps need are built once and reused (0 keeps the draw continuous and builds a
/// resampler per call).
/// </summary>
public sealed record PitchShiftOptions
{
    public float P { get; init; } = 0.5f;
    public float MinSteps { get; init; } = -2f;
    public float MaxSteps { get; init; } = 2f;
    public int BinsPerOctave { get; init; } = 12;
    public float StepResolution { get; init; } = 0.1f;
    public PhaseVocoderOptions Vocoder { get; init; } = PhaseVocoderOptions.Librosa;
    public ResamplerOptions Resampling { get; init; } = ResamplerOptions.KaiserBest;

    public void Validate()
    {
        WaveformAugmentationOptions.CheckProbability(P, "pitch_shift.p");
        WaveformAugmentationOptions.CheckRange(MinSteps, MaxSteps, "pitch_shift.min_steps/max_steps");
        if (!(StepResolution >= 0) || !float.IsFinite(StepResolution))
            throw new ArgumentOutOfRangeException(nameof(StepResolution), StepResolution, "pitch_shift.step_resolution must be >= 0 (0: continuous)");
        if (BinsPerOctave < 1) throw new ArgumentOutOfRangeException(nameof(BinsPerOctave), BinsPerOctave, "pitch_shift.bins_per_octave must be >= 1");
        Vocoder.Validate();
        Resampling.Validate();
    }
}
