using Hark.Audio.Normalization;
using Hark.Audio.Tests.Fixtures;

namespace Hark.Audio.Tests.Normalization;

public class NormalizerTests
{
    [Fact]
    public void PerClipStandardisationGivesZeroMeanUnitStd()
    {
        var x = DspFixtures.Noise(4 * 50, 1).Select(v => 3 * v + 7).ToArray();
        FeatureNormalizer.Apply(x, 4, NormalizationOptions.PerClip);
        double mean = x.Average(), std = Math.Sqrt(x.Select(v => (v - mean) * (v - mean)).Average());
        Assert.Equal(0, mean, 1e-5);
        Assert.Equal(1, std, 1e-4);
    }

    [Fact]
    public void MelBinStatisticsFittedOnATrainingSetStandardiseEachBin()
    {
        var stats = new FeatureStatistics(3);
        var clips = Enumerable.Range(0, 5).Select(i => DspFixtures.Noise(3 * (10 + i), (ulong)i).Select((v, j) => v + j / (10 + i) * 5f).ToArray()).ToList();
        var halves = new[] { new FeatureStatistics(3), new FeatureStatistics(3) };
        for (int i = 0; i < clips.Count; i++) { stats.Add(clips[i]); halves[i % 2].Add(clips[i]); }
        halves[0].Merge(halves[1]);
        var options = stats.MelBinStandardization();
        Assert.Equal(options.Mean!, halves[0].MelBinStandardization().Mean!, (a, b) => Math.Abs(a - b) < 1e-9);
        // Bin m of every clip, concatenated, must become mean 0 / std 1.
        var all = new List<float>[3] { new(), new(), new() };
        foreach (var clip in clips)
        {
            var copy = (float[])clip.Clone();
            FeatureNormalizer.Apply(copy, 3, options);
            int frames = copy.Length / 3;
            for (int m = 0; m < 3; m++) all[m].AddRange(copy.Skip(m * frames).Take(frames));
        }
        foreach (var bin in all)
        {
            double mean = bin.Average();
            Assert.Equal(0, mean, 1e-5);
            Assert.Equal(1, Math.Sqrt(bin.Select(v => (v - mean) * (v - mean)).Average()), 1e-4);
        }
    }

    [Fact]
    public void MinMaxMapsTheTrainingRangeToUnitAndClampBounds()
    {
        var stats = new FeatureStatistics(1);
        stats.Add([-80f, -20f, 0f]);
        var x = new float[] { -80f, -40f, 0f, 20f };
        FeatureNormalizer.Apply(x, 1, stats.MinMax().WithClamp(0, 1));
        Assert.Equal([0f, 0.5f, 1f, 1f], x);
    }

    [Fact]
    public void UnfittedStatisticsAreAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => FeatureNormalizer.Apply(new float[4], 2, new NormalizationOptions { Kind = NormalizationKind.MelBinStandardization }));
        Assert.Contains("FeatureStatistics", e.Message);
    }
}
