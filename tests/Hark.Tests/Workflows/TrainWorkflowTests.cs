using System.Text.Json;
using Hark.Workflows;

namespace Hark.Tests.Workflows;

public class TrainWorkflowTests
{
    private static readonly string[] quick = ["recipe.epochs=3", "model.width=4", "recipe.batch_size=8", "data.validation=stratified", "data.val_fraction=0.25"];

    [Fact]
    public void SingleLabelRunWritesEveryFileAndTheTestMetricsTheScriptsRead()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder);
        var summary = TrainWorkflow.Run(new TrainRequest(csv, Path.Combine(folder, "run"), "seed-audio", quick, Resume: false), new RecordingObserver());
        var run = summary.Run;
        foreach (var file in new[] { run.Config, run.Classes, run.Model, run.Checkpoint, run.HistoryCsv, run.HistoryJson, run.Metrics, run.Report, run.Predictions })
            Assert.True(File.Exists(file), $"{file} is missing");
        using var metrics = JsonDocument.Parse(File.ReadAllText(run.Metrics));
        var test = metrics.RootElement.GetProperty("test");
        Assert.InRange(test.GetProperty("accuracy").GetDouble(), 0, 1);
        Assert.InRange(test.GetProperty("macro_f1").GetDouble(), 0, 1);
        Assert.Equal(3, File.ReadAllLines(run.HistoryCsv).Length - 1);
        Assert.Equal(1 + 4 * 2, File.ReadAllLines(run.Predictions).Length); // header + 2 test clips per class
    }

    [Fact]
    public void MultiLabelRunReportsLwlrapAndMap()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.MultiLabel(folder);
        var summary = TrainWorkflow.Run(new TrainRequest(csv, Path.Combine(folder, "run"), "seed-audio", [.. quick, "recipe.loss=bce"], Resume: false), new RecordingObserver());
        using var metrics = JsonDocument.Parse(File.ReadAllText(summary.Run.Metrics));
        var test = metrics.RootElement.GetProperty("test");
        Assert.InRange(test.GetProperty("lwlrap").GetDouble(), 0, 1);
        Assert.InRange(test.GetProperty("map").GetDouble(), 0, 1);
    }

    [Fact]
    public void ARunKilledMidEpochAndResumedEndsExactlyLikeAnUninterruptedRun()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder);
        var whole = TrainWorkflow.Run(new TrainRequest(csv, Path.Combine(folder, "whole"), "seed-audio", quick, Resume: false), new RecordingObserver());

        var killedRun = Path.Combine(folder, "killed");
        Assert.Throws<SimulatedKill>(() => TrainWorkflow.Run(new TrainRequest(csv, killedRun, "seed-audio", quick, Resume: false), new RecordingObserver(killAtEpoch: 2, killAtBatch: 2)));
        var resumedObserver = new RecordingObserver();
        var resumed = TrainWorkflow.Run(new TrainRequest(null, killedRun, null, [], Resume: true), resumedObserver);

        Assert.Equal([2, 3], resumedObserver.Epochs.Select(e => e.Epoch));
        Assert.Equal(whole.TestMetrics, resumed.TestMetrics);
        Assert.Equal(whole.Outcome.History.Select(h => h.TrainLoss), resumed.Outcome.History.Select(h => h.TrainLoss));
        Assert.Equal(File.ReadAllBytes(whole.Run.Model), File.ReadAllBytes(resumed.Run.Model));
    }

    [Fact]
    public void BadAudioRowsAreReportedAndSkippedNotFatal()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder);
        var broken = Path.Combine(Path.GetDirectoryName(csv)!, "audio", "train_tone_000.wav");
        File.WriteAllText(broken, "this is not audio");
        var observer = new RecordingObserver();
        TrainWorkflow.Run(new TrainRequest(csv, Path.Combine(folder, "run"), "seed-audio", ["recipe.epochs=1", "model.width=4", "recipe.batch_size=8"], Resume: false), observer);
        Assert.Contains(observer.Messages, m => m.Contains("train_tone_000.wav") && m.StartsWith("skipped"));
    }
}
