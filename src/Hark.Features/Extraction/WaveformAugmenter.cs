using Hark.Audio;
using Hark.Audio.Augmentation;
using Hark.Audio.FrontEnds;
using Hark.Data;
using Hark.Tensors;
using Hark.Features.Examples;

namespace Hark.Features.Extraction;

/// <summary>
/// Waveform augmentation of the training examples (<c>recipe.waveform_augment</c>): every training clip is decoded and
/// resampled to the front end's rate once and held in memory; each epoch, every example draws from its own generator
/// seeded by (epoch seed, example index), and the examples whose augmentation fires get their features re-extracted from
/// the augmented waveform through the run's fitted front end. The others keep the features extracted before training,
/// so sections whose p never fires train exactly like augmentation off. Examples are processed in parallel; the result
/// depends only on the seeds, not on the thread count or on which epoch a run was resumed at.
/// </summary>
public sealed class WaveformAugmenter
{
    private readonly WaveformAugmentations augmentations;
    private readonly FrontEnd frontEnd;
    private readonly float[][][] waveforms;

    /// <summary>
    /// <paramref name="items"/>: the training split's items, of which <paramref name="train"/> holds, in order, those whose
    /// features could be extracted.
    /// </summary>
    public WaveformAugmenter(WaveformAugmentations augmentations, FrontEnd frontEnd, IReadOnlyList<DatasetItem> items, FeatureSet train)
    {
        ArgumentNullException.ThrowIfNull(augmentations);
        ArgumentNullException.ThrowIfNull(frontEnd);
        this.augmentations = augmentations;
        this.frontEnd = frontEnd;
        var rows = TrainingClips.Align(items, train, nameof(WaveformAugmenter));
        foreach (var row in rows)
            if (row.Paths.FirstOrDefault(FeatureExtraction.IsImage) is { } image)
                throw new ConfigException($"recipe.waveform_augment needs audio inputs; '{image}' is an image (turn waveform_augment off for image data)");
        int inputCount = train.Inputs.Count;
        waveforms = Enumerable.Range(0, inputCount).Select(_ => new float[train.Count][]).ToArray();
        Parallel.For(0, train.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            for (int j = 0; j < inputCount; j++) waveforms[j][i] = TrainingClips.Load(rows[i].Paths[j], frontEnd);
        });
    }

    /// <summary>
    /// The augmentations that a recipe's <c>waveform_augment</c> section describes, or null when every section is off.
    /// Invalid settings throw a <see cref="ConfigException"/> naming the key.
    /// </summary>
    public static WaveformAugmentations? FromOptions(WaveformAugmentationOptions? options)
    {
        if (options is null || options is { TimeStretch: null, PitchShift: null, TimeShift: null, Gain: null, Noise: null }) return null;
        Validate("time_stretch", options.TimeStretch is { } stretch ? stretch.Validate : null);
        Validate("pitch_shift", options.PitchShift is { } pitch ? pitch.Validate : null);
        Validate("time_shift", options.TimeShift is { } shift ? shift.Validate : null);
        Validate("gain", options.Gain is { } gain ? gain.Validate : null);
        Validate("noise", options.Noise is { } noise ? () => noise.Validate() : null);
        return new WaveformAugmentations(options);
    }

    // A section's own keys are named in its messages; nested settings (the phase vocoder's, the resampler's) get the section put in front.
    private static void Validate(string section, Action? validate)
    {
        try { validate?.Invoke(); }
        catch (ArgumentException e)
        {
            var message = e.Message.StartsWith(section + ".", StringComparison.Ordinal) ? e.Message : $"{section}: {e.Message}";
            throw new ConfigException($"recipe.waveform_augment.{message}");
        }
    }

    /// <summary>Samples held in memory (all inputs of all training examples).</summary>
    public long Samples => waveforms.Sum(input => input.Sum(w => (long)w.Length));

    /// <summary>
    /// <paramref name="train"/> (the feature set this augmenter was built for) with the features of every example whose
    /// augmentation fires this epoch re-extracted from its augmented waveform; <paramref name="augmented"/> counts them.
    /// </summary>
    public FeatureSet ForEpoch(FeatureSet train, ulong epochSeed, out int augmented)
    {
        if (train.Count != waveforms[0].Length || train.Inputs.Count != waveforms.Length)
            throw new ArgumentException($"WaveformAugmenter.ForEpoch: built for {waveforms[0].Length} examples x {waveforms.Length} inputs, got {train.Count} x {train.Inputs.Count}");
        var inputs = train.Inputs.Select(data => (float[])data.Clone()).ToArray();
        int sampleRate = frontEnd.Config.SampleRate;
        int count = 0;
        Parallel.For(0, train.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var generator = new Generator(TrainingClips.ItemSeed(epochSeed, i));
            bool any = false;
            for (int j = 0; j < inputs.Length; j++)
            {
                var waveform = augmentations.ApplyIfAnyFires(waveforms[j][i], sampleRate, generator);
                if (waveform is null) continue;
                int size = train.SampleSize(j);
                frontEnd.Apply(waveform, sampleRate, inputs[j].AsSpan(i * size, size), generator);
                any = true;
            }
            if (any) Interlocked.Increment(ref count);
        });
        augmented = count;
        return new FeatureSet(train.Ids, train.InputShapes, inputs, train.Labels, train.Targets, train.ClassCount) { Weights = train.Weights };
    }
}
