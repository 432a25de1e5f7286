using Hark.Evaluation.Reports;
using Hark.Training.Loop;
using Hark.Workflows;

namespace Hark;

/// <summary>
/// Trains a model from code, as <c>hark train</c> does, into a run directory that <see cref="AudioModel.Load"/>,
/// <c>hark predict</c> and <c>hark serve</c> read.
/// <code>
/// var summary = AudioTrainer.Train(new TrainingOptions("data/metadata.csv", "runs/x") { Epochs = 12 }, new Progress&lt;TrainingProgress&gt;(p => ...));
/// </code>
/// </summary>
public static class AudioTrainer
{
    public static TrainSummary Train(TrainingOptions options, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var request = new TrainRequest(options.Data, options.OutputDirectory, options.Recipe, options.Overrides(), Resume: false);
        return TrainWorkflow.Run(request, new ProgressObserver(progress));
    }

    /// <summary>Continues an interrupted run from its last finished epoch; it ends as an uninterrupted run would.</summary>
    public static TrainSummary Resume(string runDirectory, IProgress<TrainingProgress>? progress = null) =>
        TrainWorkflow.Run(new TrainRequest(null, runDirectory, null, [], Resume: true), new ProgressObserver(progress));

    private sealed class ProgressObserver(IProgress<TrainingProgress>? progress) : ITrainingObserver
    {
        private int epochs;

        public void EpochStarted(int epoch, int epochs, int batches) => this.epochs = epochs;

        public void BatchFinished(int epoch, int batch, int batches, double loss, double samplesPerSecond) =>
            progress?.Report(new TrainingProgress(epoch, epochs, batch, batches, loss, null, null));

        public void EpochFinished(EpochRecord record, bool isBest, int epochs) =>
            progress?.Report(new TrainingProgress(record.Epoch, epochs, 0, 0, record.TrainLoss, record, null));

        public void Message(string text) => progress?.Report(new TrainingProgress(0, epochs, 0, 0, double.NaN, null, text));
    }
}
