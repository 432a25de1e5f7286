using Hark.Evaluation.Reports;
using Hark.Features.Extraction;
using Hark.Training.Runs;

namespace Hark.Training.Loop;

/// <summary>Receives progress from the training loop; the CLI renders it live, tests record it.</summary>
public interface ITrainingObserver
{
    void EpochStarted(int epoch, int epochs, int batches);
    void BatchFinished(int epoch, int batch, int batches, double loss, double samplesPerSecond);
    void EpochFinished(EpochRecord record, bool isBest, int epochs);
    void Message(string text);

    /// <summary>A feature extraction of <paramref name="what"/> begins; the returned sink (if any) is told after every file.</summary>
    IProgress<ExtractionProgress>? Extracting(string what) => null;

    /// <summary>Fold <paramref name="fold"/> of <paramref name="folds"/> of a cross-validation begins (its fit follows).</summary>
    void FoldStarted(int fold, int folds) => Message($"fold {fold}/{folds}");
}
