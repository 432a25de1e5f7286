using Hark.Inference;
using Hark.Training.Runs;
using Hark.Workflows;

namespace Hark.Tests.Workflows;

/// <summary>Class names that break line- or CSV-based files, classes missing from a split, and what a killed save leaves behind.</summary>
public class RunSafetyTests
{
    private static readonly string[] quick = ["recipe.epochs=2", "model.width=4", "recipe.batch_size=8", "data.validation=stratified", "data.val_fraction=0.25"];

    [Fact]
    public void ClassNamesWithALineBreakOrAFormulaRoundTripThroughTheRunAndAreQuotedInPredictions()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 6);
        var renamed = new Dictionary<string, string> { ["tone"] = "two\nlines", ["chirp"] = "=cmd|calc" };
        var lines = File.ReadAllLines(csv);
        var rows = lines.Skip(1).Select(line => line.Split(','))
            .Select(f => $"{f[0]},{(renamed.TryGetValue(f[1], out var name) ? "\"" + name + "\"" : f[1])},{f[2]}");
        File.WriteAllLines(csv, [lines[0], .. rows]);

        var summary = TrainWorkflow.Run(new TrainRequest(csv, Path.Combine(folder, "run"), "seed-audio", quick, Resume: false), new RecordingObserver());

        var classes = RunClasses.Read(summary.Run);
        Assert.Contains("two\nlines", classes);
        Assert.Contains("=cmd|calc", classes);
        Assert.Equal(classes, Predictor.Load(summary.Run.Path).Classes.Names);
        var predictions = File.ReadAllText(summary.Run.Predictions);
        Assert.Contains(",\"=cmd|calc\"", predictions);
        Assert.Contains(",\"two\nlines\"", predictions);
        Assert.DoesNotContain(",=cmd", predictions);
    }

    [Fact]
    public void AClassWithoutTrainingRowsIsWarnedAboutAndASingleClassValidationSetDoesNotChooseTheEpoch()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 6);
        var lines = File.ReadAllLines(csv).ToList();
        var onlyTested = lines.Skip(1).First().Split(',')[1];
        // Every row of the first class becomes a test row; of the rest, validation rows are those of one class only.
        var rows = lines.Skip(1).Select(line => line.Split(','))
            .Select(f => f[1] == onlyTested ? $"{f[0]},{f[1]},test" : f[2] == "test" ? $"{f[0]},{f[1]},val" : $"{f[0]},{f[1]},train")
            .ToList();
        var validationClass = rows.Select(r => r.Split(',')).First(f => f[2] == "val")[1];
        rows = rows.Select(r => r.Split(',')).Select(f => f[2] == "val" && f[1] != validationClass ? $"{f[0]},{f[1]},train" : string.Join(',', f)).ToList();
        File.WriteAllLines(csv, [lines[0], .. rows]);

        var observer = new RecordingObserver();
        var summary = TrainWorkflow.Run(new TrainRequest(csv, Path.Combine(folder, "run"), "seed-audio", ["recipe.epochs=2", "model.width=4", "recipe.batch_size=8"], Resume: false), observer);

        Assert.Contains(observer.Messages, m => m.StartsWith($"warning: class '{onlyTested}' has no training rows", StringComparison.Ordinal));
        Assert.Contains(observer.Messages, m => m.Contains("hold a single class, so they cannot choose an epoch", StringComparison.Ordinal));
        Assert.Equal(2, summary.Outcome.BestEpoch);
    }

    [Fact]
    public void ATornNewestCheckpointResumesFromThePreviousOneAndLeftoverTemporaryFilesAreRemoved()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder);
        string[] threeEpochs = [.. quick, "recipe.epochs=3"];
        var whole = TrainWorkflow.Run(new TrainRequest(csv, Path.Combine(folder, "whole"), "seed-audio", threeEpochs, Resume: false), new RecordingObserver());

        var killed = Path.Combine(folder, "killed");
        Assert.Throws<SimulatedKill>(() => TrainWorkflow.Run(new TrainRequest(csv, killed, "seed-audio", threeEpochs, Resume: false),
            new RecordingObserver(killAtEpoch: 3, killAtBatch: 1)));
        var run = new RunDirectory(killed);
        Assert.True(File.Exists(run.PreviousCheckpoint), "the checkpoint of epoch 1 should be kept beside epoch 2's");
        var bytes = File.ReadAllBytes(run.Checkpoint);
        File.WriteAllBytes(run.Checkpoint, bytes[..(bytes.Length / 2)]);
        File.WriteAllText(Path.Combine(killed, ".model.safetensors.4242.0123abcd.tmp"), "partial");
        File.WriteAllText(run.Checkpoint + ".tmp-4242", "partial");

        var observer = new RecordingObserver();
        var resumed = TrainWorkflow.Run(new TrainRequest(null, killed, null, [], Resume: true), observer);

        Assert.Contains(observer.Messages, m => m.Contains("removed 2 temporary file(s)", StringComparison.Ordinal));
        Assert.Contains(observer.Messages, m => m.Contains(run.Checkpoint, StringComparison.Ordinal) && m.Contains("previous checkpoint", StringComparison.Ordinal));
        Assert.Equal([2, 3], observer.Epochs.Select(e => e.Epoch));
        Assert.Empty(Directory.EnumerateFiles(killed, "*.tmp*").Concat(Directory.EnumerateFiles(killed, ".*.tmp")));
        Assert.Equal(whole.Outcome.History.Select(h => h.TrainLoss), resumed.Outcome.History.Select(h => h.TrainLoss));
        Assert.Equal(File.ReadAllBytes(whole.Run.Model), File.ReadAllBytes(resumed.Run.Model));
    }
}
