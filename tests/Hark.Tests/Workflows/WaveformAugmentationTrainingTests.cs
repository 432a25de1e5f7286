using Hark.Workflows;

namespace Hark.Tests.Workflows;

public class WaveformAugmentationTrainingTests
{
    private static readonly string[] quick = ["recipe.epochs=3", "model.width=4", "recipe.batch_size=8", "data.validation=stratified", "data.val_fraction=0.25"];

    private static readonly string[] on =
    [
        "recipe.waveform_augment.pitch_shift.p=0.5", "recipe.waveform_augment.time_stretch.p=0.5",
        "recipe.waveform_augment.gain.p=0.5", "recipe.waveform_augment.noise.p=0.5", "recipe.waveform_augment.noise.min_snr_db=5",
    ];

    private static readonly string[] neverFires =
    [
        "recipe.waveform_augment.pitch_shift.p=0", "recipe.waveform_augment.gain.p=0", "recipe.waveform_augment.noise.p=0",
    ];

    private static TrainSummary Train(string csv, string run, string[] overrides, RecordingObserver? observer = null) =>
        TrainWorkflow.Run(new TrainRequest(csv, run, "seed-audio", [.. quick, .. overrides], Resume: false), observer ?? new RecordingObserver());

    [Fact]
    public void SectionsThatNeverFireTrainBitIdenticallyToAugmentationOff()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder);
        var off = Train(csv, Path.Combine(folder, "off"), []);
        var observer = new RecordingObserver();
        var idle = Train(csv, Path.Combine(folder, "idle"), neverFires, observer);

        Assert.Contains(observer.Messages, m => m.Contains("re-extracted 0 of"));
        Assert.Equal(off.Outcome.History.Select(h => h.TrainLoss), idle.Outcome.History.Select(h => h.TrainLoss));
        Assert.Equal(File.ReadAllBytes(off.Run.Model), File.ReadAllBytes(idle.Run.Model));
        Assert.Equal(off.TestMetrics, idle.TestMetrics);
    }

    [Fact]
    public void AugmentedRunsDifferFromOffAndAKilledAndResumedRunEndsExactlyLikeAnUninterruptedOne()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder);
        var off = Train(csv, Path.Combine(folder, "off"), []);
        var observer = new RecordingObserver();
        var whole = Train(csv, Path.Combine(folder, "whole"), on, observer);
        Assert.Contains(observer.Messages, m => m.StartsWith("waveform augmentation:"));
        Assert.DoesNotContain(observer.Messages, m => m.Contains("re-extracted 0 of"));
        Assert.NotEqual(off.Outcome.History.Select(h => h.TrainLoss), whole.Outcome.History.Select(h => h.TrainLoss));

        var killedRun = Path.Combine(folder, "killed");
        Assert.Throws<SimulatedKill>(() => Train(csv, killedRun, on, new RecordingObserver(killAtEpoch: 2, killAtBatch: 2)));
        var resumed = TrainWorkflow.Run(new TrainRequest(null, killedRun, null, [], Resume: true), new RecordingObserver());

        Assert.Equal(whole.Outcome.History.Select(h => h.TrainLoss), resumed.Outcome.History.Select(h => h.TrainLoss));
        Assert.Equal(File.ReadAllBytes(whole.Run.Model), File.ReadAllBytes(resumed.Run.Model));
        Assert.Equal(whole.TestMetrics, resumed.TestMetrics);
    }
}
