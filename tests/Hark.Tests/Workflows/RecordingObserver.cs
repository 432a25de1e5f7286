using Hark.Evaluation.Reports;
using Hark.Training.Loop;
using Hark.Training.Runs;

namespace Hark.Tests.Workflows;

/// <summary>Records what the loop reports; optionally throws at one batch to simulate a process killed mid-epoch.</summary>
internal sealed class RecordingObserver(int? killAtEpoch = null, int killAtBatch = 1) : ITrainingObserver
{
    public List<EpochRecord> Epochs { get; } = [];
    public List<string> Messages { get; } = [];

    public void EpochStarted(int epoch, int epochs, int batches) { }

    public void BatchFinished(int epoch, int batch, int batches, double loss, double samplesPerSecond)
    {
        if (epoch == killAtEpoch && batch == killAtBatch) throw new SimulatedKill();
    }

    public void EpochFinished(EpochRecord record, bool isBest, int epochs) => Epochs.Add(record);

    public void Message(string text) => Messages.Add(text);
}

internal sealed class SimulatedKill : Exception;
