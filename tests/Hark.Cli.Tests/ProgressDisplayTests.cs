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
            var line = new ProgressLine("features (test)");
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
        var result = Cli.Run(["train", "--data", csv, "--out", Path.Combine(folder, "run"), "--set", "recipe.epochs=2", "--set", "model.width=4", "--set", "recipe.batch_size=8"]);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Matches(@"features \(train\): \d+ files in ", result.Out);
        Assert.Matches(@"features \(validation\): \d+ files in ", result.Out);
        Assert.Contains("features (test): 8 files in ", result.Out);
        Assert.Contains("run ETA ", result.Out.Split('\n').Single(l => l.StartsWith("epoch 1/2", StringComparison.Ordinal)));
        Assert.DoesNotContain("run ETA", result.Out.Split('\n').Single(l => l.StartsWith("epoch 2/2", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(42, "42 s")]
    [InlineData(185, "3 min 05 s")]
    [InlineData(3725, "1 h 02 min")]
    [InlineData(double.NaN, "?")]
    public void DurationsReadAsPeopleSayThem(double seconds, string expected) => Assert.Equal(expected, ConsoleMode.Duration(seconds));
}
