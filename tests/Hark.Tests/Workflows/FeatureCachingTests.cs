using Hark.Audio.FrontEnds;
using System.Text.Json;
using Hark.Audio.Normalization;
using Hark.Data;
using Hark.Data.Sources;
using Hark.Training.Configuration;
using Hark.Features.Examples;
using Hark.Features.Extraction;
using Hark.Workflows;

namespace Hark.Tests.Workflows;

public class FeatureCachingTests
{
    private static Dataset Open(string csv) => DataSource.Open(csv, new DataSourceOptions());

    [Theory]
    [InlineData(NormalizationKind.PerClipStandardization)]
    [InlineData(NormalizationKind.MelBinStandardization)]
    public void CachedFeaturesEqualComputedOnesAndAreReadOnTheSecondBuild(NormalizationKind kind)
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 3);
        var dataset = Open(csv);
        var frontEnd = FrontEnd.SeedAudio with { Normalization = new NormalizationOptions { Kind = kind } };
        var cacheRoot = Path.Combine(folder, "cache");
        FeatureSet BuildWith(string? root, out ExampleBuilder builder)
        {
            builder = new ExampleBuilder(frontEnd, 32, _ => { }, root);
            builder.FitNormalization(dataset.Items);
            return builder.Build(dataset.Items, dataset, ProblemPolicy.Fail);
        }
        var plain = BuildWith(null, out _);
        var cold = BuildWith(cacheRoot, out var coldBuilder);
        var warm = BuildWith(cacheRoot, out var warmBuilder);
        // Fitting and building read the same un-normalised entries, so a cold run that fits statistics fills the cache
        // while fitting and reads it back while building.
        int fittingPasses = kind == NormalizationKind.MelBinStandardization ? 1 : 0;
        Assert.Equal(dataset.Count * fittingPasses, coldBuilder.CacheHits);
        Assert.Equal(dataset.Count * (1 + fittingPasses), warmBuilder.CacheHits);
        Assert.Equal(plain.Inputs[0], cold.Inputs[0]);
        Assert.Equal(plain.Inputs[0], warm.Inputs[0]);
        Assert.Single(Directory.GetDirectories(cacheRoot));
    }

    [Fact]
    public void TheCacheIsThePerUserOneUnlessMovedOrTurnedOff()
    {
        var folder = TinyData.Folder();
        Assert.Equal(FeatureCacheLocation.UserCache(), FeatureCacheLocation.Resolve("auto"));
        Assert.Equal(FeatureCacheLocation.UserCache(), FeatureCacheLocation.Resolve(null));
        Assert.Null(FeatureCacheLocation.Resolve("none"));
        Assert.Equal(Path.Combine(folder, "c"), FeatureCacheLocation.Resolve(Path.Combine(folder, "c")));
        if (!OperatingSystem.IsWindows() && Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
            Assert.Equal(Path.Combine(xdg, "hark", "features"), FeatureCacheLocation.UserCache());
    }

    [Fact]
    public void AnUnusableCacheFolderIsReportedAndFeaturesAreComputedWithoutIt()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 2);
        var dataset = Open(csv);
        var blocker = Path.Combine(folder, "a-file");
        File.WriteAllText(blocker, "not a folder");
        var messages = new List<string>();
        var builder = new ExampleBuilder(FrontEnd.SeedAudio, 32, messages.Add, Path.Combine(blocker, "cache"));
        var built = builder.Build(dataset.Items, dataset, ProblemPolicy.Fail);
        Assert.Equal(dataset.Count, built.Count);
        Assert.Contains(messages, m => m.StartsWith("feature cache off"));
        Assert.Equal(new ExampleBuilder(FrontEnd.SeedAudio, 32, _ => { }).Build(dataset.Items, dataset, ProblemPolicy.Fail).Inputs[0], built.Inputs[0]);
    }

    [Fact]
    public void FeaturesCommandFillsTheCacheSkipsBadFilesOrFailsAndTrainingThenReadsIt()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 4);
        var bad = Path.Combine(Path.GetDirectoryName(csv)!, "broken.wav");
        File.WriteAllBytes(bad, "RIFF\x10\0\0\0WAVEjunk"u8.ToArray());
        var withBad = Path.Combine(Path.GetDirectoryName(csv)!, "with-bad.csv");
        File.WriteAllLines(withBad, [.. File.ReadAllLines(csv), "broken.wav,tone,train"]);
        var messages = new List<string>();
        var cache = Path.Combine(folder, "cache");
        var summary = FeaturesWorkflow.Run(new FeaturesRequest(withBad, "seed-audio", [], CacheDir: cache), messages.Add);
        int clips = Open(csv).Count;
        Assert.Equal(clips + 1, summary.Files.Files);
        Assert.Equal(clips, summary.Files.Computed);
        Assert.Equal(bad, Assert.Single(summary.Files.Failures).Path);
        Assert.Contains(messages, m => m.StartsWith("skipped") && m.Contains("broken.wav"));
        Assert.StartsWith(cache, summary.CacheDirectory);
        var failed = Assert.Throws<Hark.Audio.AudioDecodeException>(() => FeaturesWorkflow.Run(new FeaturesRequest(withBad, "seed-audio", [], CacheDir: cache, FailOnBad: true), _ => { }));
        Assert.Equal(bad, failed.FileName);
        var again = FeaturesWorkflow.Run(new FeaturesRequest(csv, "seed-audio", [], CacheDir: cache), _ => { });
        Assert.Equal(clips, again.Files.CacheHits);
        Assert.Throws<ConfigException>(() => FeaturesWorkflow.Run(new FeaturesRequest(csv, "seed-audio", [], CacheDir: "none"), _ => { }));

        var run = TrainWorkflow.Run(new TrainRequest(csv, Path.Combine(folder, "run"), "seed-audio",
            ["recipe.epochs=1", "model.width=4", "recipe.batch_size=8", $"data.cache_dir={cache}"], Resume: false), new RecordingObserver()).Run;
        using var metrics = JsonDocument.Parse(File.ReadAllText(run.Metrics));
        Assert.Equal(clips, metrics.RootElement.GetProperty("feature_cache_hits").GetInt32());
        var uncached = TrainWorkflow.Run(new TrainRequest(csv, Path.Combine(folder, "uncached"), "seed-audio",
            ["recipe.epochs=1", "model.width=4", "recipe.batch_size=8", "data.cache_dir=none"], Resume: false), new RecordingObserver()).Run;
        using var uncachedMetrics = JsonDocument.Parse(File.ReadAllText(uncached.Metrics));
        Assert.Equal(0, uncachedMetrics.RootElement.GetProperty("feature_cache_hits").GetInt32());
    }
}
