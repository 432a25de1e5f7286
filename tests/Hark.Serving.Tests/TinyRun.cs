using Hark.Evaluation.Reports;
using Hark.Demo;
using Hark.Training.Loop;
using Hark.Training.Runs;
using Hark.Workflows;

namespace Hark.Serving.Tests;

/// <summary>
/// A tiny run trained in code once per test collection (demo clips, 2 epochs, width 4: seconds, no downloads), with
/// two TTA perturbations so that batching must keep each clip's perturbations its own.
/// </summary>
public sealed class TinyRun
{
    public TinyRun()
    {
        Folder = Directory.CreateTempSubdirectory("hark-serving-").FullName;
        Csv = DemoDataset.Write(Path.Combine(Folder, "data"), perClass: 8, seed: 11);
        AudioFolder = Path.Combine(Folder, "data", "audio");
        RunPath = Path.Combine(Folder, "run");
        TrainWorkflow.Run(new TrainRequest(Csv, RunPath, "seed-audio",
            ["recipe.epochs=2", "model.width=4", "recipe.batch_size=8", "tta.perturbations=2"], Resume: false), new QuietObserver());
    }

    public string Folder { get; }
    public string Csv { get; }
    public string AudioFolder { get; }
    public string RunPath { get; }

    /// <summary>The clips of the demo data, absolute paths in name order.</summary>
    public IReadOnlyList<string> Clips => Directory.GetFiles(AudioFolder, "*.wav").Order(StringComparer.Ordinal).ToList();

    private sealed class QuietObserver : ITrainingObserver
    {
        public void EpochStarted(int epoch, int epochs, int batches) { }
        public void BatchFinished(int epoch, int batch, int batches, double loss, double samplesPerSecond) { }
        public void EpochFinished(EpochRecord record, bool isBest, int epochs) { }
        public void Message(string text) { }
    }
}
