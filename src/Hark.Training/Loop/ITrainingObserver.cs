using Hark.Evaluation.Reports;
using Hark.Training.Runs;

namespace Hark.Training.Loop;

/// <summary>Receives progress from the training loop; the CLI renders it live, tests record it.</summary>
public interface ITrainingObserver
{
    void EpochStarted(int epoch, int epochs, int batches);
    void BatchFinished(int epoch, int batch, int batches, double loss, double samplesPerSecond);
    void EpochFinished(EpochRecord record, bool isBest, int epochs);
    void Message(string text);
}
