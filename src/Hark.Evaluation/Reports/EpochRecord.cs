namespace Hark.Evaluation.Reports;

/// <summary>One row of a run's history: what an epoch cost and scored.</summary>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double ValidationLoss,
    IReadOnlyDictionary<string, double> ValidationMetrics,
    double LearningRate,
    double Seconds,
    double SamplesPerSecond);
