using Hark.Audio;
using Hark.Audio.FrontEnds;
using Hark.Data;
using Hark.Features.Examples;

namespace Hark.Features.Extraction;

/// <summary>
/// What the per-epoch feature re-extractors (<see cref="WaveformAugmenter"/>, <see cref="RandomTrainingCrops"/>) share:
/// matching a training feature set back to its dataset items, decoding a clip at the front end's rate, and the seed of
/// each example's generator in an epoch.
/// </summary>
internal static class TrainingClips
{
    /// <summary>
    /// The items of <paramref name="train"/>'s examples: they are an ordered subsequence of the split's
    /// <paramref name="items"/> (failed ones were left out), matched by id. <paramref name="owner"/> names the caller in errors.
    /// </summary>
    public static DatasetItem[] Align(IReadOnlyList<DatasetItem> items, FeatureSet train, string owner)
    {
        var rows = new DatasetItem[train.Count];
        int next = 0;
        for (int k = 0; k < train.Count; k++)
        {
            while (next < items.Count && items[next].Id != train.Ids[k]) next++;
            if (next == items.Count) throw new ArgumentException($"{owner}: training example '{train.Ids[k]}' is not among the split's items (in order)");
            rows[k] = items[next++];
        }
        return rows;
    }

    /// <summary>The whole clip at <paramref name="path"/>, mono, resampled to the front end's rate.</summary>
    public static float[] Load(string path, FrontEnd frontEnd)
    {
        using var mono = AudioFile.ReadMonoRented(path);
        if (mono.SampleRate == frontEnd.Config.SampleRate) return mono.Samples.ToArray();
        var resampler = frontEnd.ResamplerFrom(mono.SampleRate);
        var resampled = new float[resampler.OutputLength(mono.Samples.Length)];
        resampler.Resample(mono.Samples, resampled);
        return resampled;
    }

    /// <summary>The seed of example <paramref name="index"/>'s generator in the epoch of <paramref name="epochSeed"/> (SplitMix64 finalisers, so neighbouring examples and epochs get unrelated streams).</summary>
    public static ulong ItemSeed(ulong epochSeed, int index) => Mix(Mix(epochSeed ^ 0x5851F42D4C957F2DUL) + (ulong)index);

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
