using Hark.Features.Extraction;

namespace Hark.Cli.Tests;

/// <summary>Progress when output is piped (as under the test runner): plain lines, few of them, one when a step ends.</summary>
public class ProgressDisplayTests
{
    [Fact]
    public void APipedStepPrintsOneLineWhenItEndsAndIgnoresLateReports()
    {
        Assert.False(ConsoleMode.Live && !Console.IsOutputRedirected, "the test runner pipes the output");
        var result = Cli.Capture(() =>
        {
            var line = new ProgressLine("features (test)", ConsoleOutput.Stdout());
            line.Report(new ExtractionProgress(1, 3, 0, 0));
            line.Report(new ExtractionProgress(3, 3, 1, 2));
            line.Report(new ExtractionProgress(2, 3, 1, 2));
            return 0;
        });
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var only = Assert.Single(lines);
        Assert.StartsWith("features (test): 3 files in ", only);
        Assert.EndsWith(", 2 from the cache, 1 unreadable", only.TrimEnd('\r'));
    }

    [Fact]
    public void TrainingFromTheCommandLineReportsEachFeatureStepAndTheRunsEta()
    {
        var folder = Hark.Tests.Workflows.TinyData.Folder();
        var csv = Hark.Tests.Workflows.TinyData.SingleLabel(folder, perClass: 4);
        var result = Cli.Run(["train", "--data", csv, "--out", Path.Combine(folder, "run"), "--set", "recipe.epochs=2", "--set", "model.width=4", "--set", "recipe.batch_size=8", "--set", "data.validation=stratified"]);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Matches(@"features \(train\): \d+ files in ", result.Out);
        Assert.Matches(@"features \(validation\): \d+ files in ", result.Out);
        Assert.Contains("features (test): 8 files in ", result.Out);
        Assert.Contains("run ETA ", result.Out.Split('\n').Single(l => l.StartsWith("epoch 1/2", StringComparison.Ordinal)));
        Assert.DoesNotContain("run ETA", result.Out.Split('\n').Single(l => l.StartsWith("epoch 2/2", StringComparison.Ordinal)));
    }

    [Fact]
    public void CrossValidationOpensEachFoldAndCountsTheLaterFoldsInItsEta()
    {
        var folder = Hark.Tests.Workflows.TinyData.Folder();
        var csv = Hark.Tests.Workflows.TinyData.SingleLabel(folder, perClass: 4);
        var result = Cli.Run(["cv", "--data", csv, "--out", Path.Combine(folder, "cv"), "--folds", "2", .. TrainedRun.Settings, "--set", "recipe.epochs=2"]);
        Assert.True(result.ExitCode == 0, result.All);
        var lines = result.Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("fold 1/2", lines.Single(l => l.StartsWith("fold 1/2", StringComparison.Ordinal)));
        Assert.Contains("  cv ETA ", lines.Single(l => l.StartsWith("fold 2/2", StringComparison.Ordinal)));
        var epochs = lines.Where(l => l.StartsWith("epoch ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, epochs.Count);
        Assert.All(epochs.Take(3), l => Assert.Contains("  cv ETA ", l));
        Assert.DoesNotContain("ETA", epochs[3]);
    }

    [Fact]
    public void IndexingReportsItsProgressOnStderrAndCountsUnchangedClipsOnARerun()
    {
        var trained = new TrainedRun();
        var library = Path.Combine(trained.Folder, "library.idx");
        var audio = Path.Combine(trained.DataFolder, "audio");
        int clips = trained.AudioFiles.Count;
        var first = Cli.Run("index", trained.Run, audio, "--out", library);
        Assert.True(first.ExitCode == 0, first.All);
        Assert.Matches($@"index: {clips} files in \d+\.\d s", first.Error);
        Assert.DoesNotContain("index:", first.Out);
        var again = Cli.Run("index", trained.Run, audio, "--out", library);
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains($"index: {clips} files in ", again.Error);
        Assert.Contains($", {clips} from the cache", again.Error);
    }

    [Theory]
    [InlineData(42, "42 s")]
    [InlineData(185, "3 min 05 s")]
    [InlineData(3725, "1 h 02 min")]
    [InlineData(double.NaN, "?")]
    public void DurationsReadAsPeopleSayThem(double seconds, string expected) => Assert.Equal(expected, ConsoleMode.Duration(seconds));
}
