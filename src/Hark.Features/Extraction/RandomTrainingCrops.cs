using Hark.Audio.Cropping;
using Hark.Audio.FrontEnds;
using Hark.Data;
using Hark.Features.Examples;
using Hark.Tensors;

namespace Hark.Features.Extraction;

/// <summary>
/// Random crops of the training clips longer than the clip length (<c>recipe.random_crop</c>): each such clip is decoded
/// and resampled to the front end's rate once and held in memory, and every epoch its features are re-extracted from a
/// window of the clip length that starts at an offset drawn uniformly from [0, clip - window] samples, so over the epochs
/// a model hears every part of the clip, not only its start. Each example draws from its own generator seeded by (epoch
/// seed, example index): the crops depend only on the seeds, not on the thread count or the epoch a run was resumed at.
/// Clips no longer than the clip length keep the features extracted before training (a crop of one is the clip itself),
/// and so do evaluation and test clips.
/// </summary>
public sealed class RandomTrainingCrops
{
    private readonly FrontEnd frontEnd;
    private readonly int[] examples;
    private readonly float[][][] waveforms;
    private readonly int trainCount;

    private RandomTrainingCrops(FrontEnd frontEnd, int[] examples, float[][][] waveforms, int trainCount)
    {
        this.frontEnd = frontEnd;
        this.examples = examples;
        this.waveforms = waveforms;
        this.trainCount = trainCount;
    }

    /// <summary>
    /// The crops of the clips of <paramref name="train"/> (whose examples are, in order, those of the split's
    /// <paramref name="items"/> that could be extracted) that are longer than <paramref name="frontEnd"/>'s fixed length;
    /// the inputs must be audio.
    /// </summary>
    public static RandomTrainingCrops For(FrontEndConfig frontEnd, IReadOnlyList<DatasetItem> items, FeatureSet train)
    {
        ArgumentNullException.ThrowIfNull(frontEnd);
        var cropping = new FrontEnd(CroppingFrontEnd(frontEnd));
        var rows = TrainingClips.Align(items, train, nameof(RandomTrainingCrops));
        if (rows.SelectMany(row => row.Paths).FirstOrDefault(FeatureExtraction.IsImage) is { } image)
            throw new ArgumentException($"RandomTrainingCrops: '{image}' is an image; only audio clips are cropped");

        // From the headers, as eval and predict find the clips they score over covering windows; only those are decoded.
        // (A resampled clip that comes out no longer than the window is cropped at offset 0, which is its fixed window.)
        int inputCount = train.Inputs.Count;
        var longer = ClipDurations.LongerThanClipLength([.. rows.SelectMany(row => row.Paths)], frontEnd);
        int[] examples = [.. Enumerable.Range(0, rows.Length).Where(i => Enumerable.Range(0, inputCount).Any(j => longer[i * inputCount + j]))];
        var waveforms = Enumerable.Range(0, inputCount).Select(_ => new float[examples.Length][]).ToArray();
        Parallel.For(0, examples.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            for (int j = 0; j < inputCount; j++) waveforms[j][k] = TrainingClips.Load(rows[examples[k]].Paths[j], cropping);
        });
        return new RandomTrainingCrops(cropping, examples, waveforms, train.Count);
    }

    /// <summary>Training clips longer than the clip length, which are cropped at random every epoch.</summary>
    public int LongClipCount => examples.Length;

    /// <summary>Samples held in memory (all inputs of the long clips).</summary>
    public long Samples => waveforms.Sum(input => input.Sum(w => (long)w.Length));

    /// <summary>
    /// <paramref name="train"/> (the feature set these crops were made for) with the features of every long clip
    /// re-extracted from a random window of it; the set itself when no clip is longer than the clip length.
    /// </summary>
    public FeatureSet ForEpoch(FeatureSet train, ulong epochSeed)
    {
        if (train.Count != trainCount || train.Inputs.Count != waveforms.Length)
            throw new ArgumentException($"RandomTrainingCrops.ForEpoch: made for {trainCount} examples x {waveforms.Length} inputs, got {train.Count} x {train.Inputs.Count}");
        if (examples.Length == 0) return train;
        var inputs = train.Inputs.Select(data => (float[])data.Clone()).ToArray();
        int sampleRate = frontEnd.Config.SampleRate;
        // Its own streams: the complement keeps them apart from waveform augmentation's, which use the same epoch seed.
        Parallel.For(0, examples.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            int i = examples[k];
            var generator = new Generator(TrainingClips.ItemSeed(~epochSeed, i));
            for (int j = 0; j < inputs.Length; j++)
            {
                int size = train.SampleSize(j);
                frontEnd.Apply(waveforms[j][k], sampleRate, inputs[j].AsSpan(i * size, size), generator);
            }
        });
        return new FeatureSet(train.Ids, train.InputShapes, inputs, train.Labels, train.Targets, train.ClassCount) { Weights = train.Weights };
    }

    /// <summary>
    /// <paramref name="frontEnd"/> cropping a longer clip at a random offset (drawn from the generator it is applied with)
    /// instead of as its length policy says; it needs a fixed length.
    /// </summary>
    public static FrontEndConfig CroppingFrontEnd(FrontEndConfig frontEnd)
    {
        ArgumentNullException.ThrowIfNull(frontEnd);
        var length = frontEnd.Length ?? throw new ArgumentException($"RandomTrainingCrops: front end '{frontEnd.Name}' keeps each clip's own length; there is nothing to crop to");
        return frontEnd with { Length = length with { Crop = CropPosition.Random } };
    }
}
