using Hark.Evaluation.Reports;
using Hark.Features.Extraction;
using Hark.Training.Configuration;
using Hark.Training.Loop;
using Hark.Training.Runs;

namespace Hark.Workflows;

/// <summary>
/// Passes everything on to <paramref name="inner"/> and rewrites the run's report.html after every epoch from the
/// history the trainer has just saved (resumed epochs included), so a run can be watched in a browser.
/// </summary>
internal sealed class LiveReportObserver(ITrainingObserver inner, RunDirectory run, RunConfig config, long parameters) : ITrainingObserver
{
    private int? bestEpoch;
    private bool failed;

    public void EpochStarted(int epoch, int epochs, int batches) => inner.EpochStarted(epoch, epochs, batches);

    public void BatchFinished(int epoch, int batch, int batches, double loss, double samplesPerSecond) => inner.BatchFinished(epoch, batch, batches, loss, samplesPerSecond);

    public void EpochFinished(EpochRecord record, bool isBest, int epochs)
    {
        inner.EpochFinished(record, isBest, epochs);
        if (isBest) bestEpoch = record.Epoch;
        if (failed || !File.Exists(run.HistoryJson)) return;
        try { RunReport.Progress(run, config, HistoryFiles.Deserialize(File.ReadAllText(run.HistoryJson)), bestEpoch, parameters); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failed = true;
            inner.Message($"report.html not updated during training: {e.Message}");
        }
    }

    public void Message(string text) => inner.Message(text);

    public IProgress<ExtractionProgress>? Extracting(string what) => inner.Extracting(what);
}
