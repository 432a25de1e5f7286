using Hark.Audio.Export;
using Hark.Data;
using Hark.Training.Configuration;

namespace Hark.Training.Tests.Configuration;

/// <summary><see cref="ClipLengthRule"/>: the clip length a run takes from its training clips when the recipe leaves it open.</summary>
public class ClipLengthRuleTests
{
    [Fact]
    public void TheLengthIsTheNinetiethPercentileRoundedUpToATenthOfASecond()
    {
        // numpy.percentile(range(1, 11) * 0.5, 90) = 4.55 -> 4.6
        double[] durations = [.. Enumerable.Range(1, 10).Select(i => i * 0.5)];
        Assert.Equal(4.55, ClipLengthRule.Quantile(durations, 0.9), 9);
        Assert.Equal(4.6, ClipLengthRule.Choose(durations.Reverse().ToArray(), presetSeconds: 1.0), 9);
    }

    [Fact]
    public void AnExactTenthIsNotRoundedUpByFloatError()
    {
        Assert.Equal(2.0, ClipLengthRule.Choose([2.0, 2.0, 2.0], presetSeconds: 1.0), 9);
        Assert.Equal(0.3 * 7, ClipLengthRule.Choose([0.3 * 7], presetSeconds: 1.0), 9);
    }

    [Fact]
    public void ShortClipsKeepThePresetLengthAndLongOnesStopAtTenSeconds()
    {
        Assert.Equal(1.0, ClipLengthRule.Choose([0.2, 0.4, 0.6], presetSeconds: 1.0), 9);
        Assert.Equal(ClipLengthRule.LongestSeconds, ClipLengthRule.Choose([30.0, 45.0], presetSeconds: 1.0), 9);
        Assert.Equal(12.0, ClipLengthRule.Choose([30.0], presetSeconds: 12.0), 9);
    }

    [Fact]
    public void ApplyToSetsTheFrontEndLengthAndRecordsTheRule()
    {
        var items = WriteClips(seconds: [2.0, 2.5, 3.0, 3.0, 3.2]);
        var config = ConfigResolver.Resolve(null, [], "seed-audio");
        var line = ClipLengthRule.ApplyTo(config, items);
        // numpy.percentile([2, 2.5, 3, 3, 3.2], 90) = 3.12 -> 3.2
        Assert.Equal(3.2, FrontEndResolver.Resolve(config.FrontEnd).Length!.Seconds, 9);
        Assert.NotNull(line);
        Assert.Contains("clip length 3.2 s", line);
        Assert.Contains("90th percentile of the 5 training clips", config.ChosenFromData);
        Assert.Contains("2.00-3.20 s", config.ChosenFromData);
        Assert.True(config.Recipe.RandomCrop);
        Assert.Contains("longer training clips are cropped at a random offset each epoch (recipe.random_crop)", line);
        var reread = ConfigYaml.Deserialize<RunConfig>(ConfigYaml.Serialize(config), "config.yaml");
        Assert.Equal(config.ChosenFromData, reread.ChosenFromData);
        Assert.True(reread.Recipe.RandomCrop);
    }

    [Fact]
    public void RandomCropsSwitchedOffByTheUserStayOff()
    {
        var items = WriteClips(seconds: [2.0, 3.0]);
        var config = ConfigResolver.Resolve(null, ["recipe.random_crop=false"], "seed-audio");
        Assert.DoesNotContain("random", ClipLengthRule.ApplyTo(config, items));
        Assert.False(config.Recipe.RandomCrop);
    }

    [Fact]
    public void ALengthTheUserSetIsKept()
    {
        var items = WriteClips(seconds: [3.0, 3.0]);
        var config = ConfigResolver.Resolve(null, ["front_end.length.seconds=1.5"], "seed-audio");
        Assert.Null(ClipLengthRule.ApplyTo(config, items));
        Assert.Equal(1.5, FrontEndResolver.Resolve(config.FrontEnd).Length!.Seconds, 9);
        Assert.Null(config.ChosenFromData);
        Assert.Null(config.Recipe.RandomCrop); // a hand-set length trains from the front end's fixed window, as before
    }

    [Fact]
    public void APresetThatKeepsEachClipsLengthIsLeftAlone()
    {
        var items = WriteClips(seconds: [3.0, 3.0]);
        var config = ConfigResolver.Resolve(null, ["front_end.preset=torchaudio"], "seed-audio");
        Assert.Null(ClipLengthRule.ApplyTo(config, items));
        Assert.False(config.FrontEnd.ContainsKey("length"));
    }

    private static List<DatasetItem> WriteClips(double[] seconds)
    {
        var folder = Directory.CreateTempSubdirectory("hark-cliplength-").FullName;
        return [.. seconds.Select((s, i) =>
        {
            var path = Path.Combine(folder, $"clip{i}.wav");
            WavWriter.WritePcm16(path, new float[(int)Math.Round(s * 8000)], 8000);
            return new DatasetItem($"clip{i}", [path], [0], null, null, $"test:{i}");
        })];
    }
}
