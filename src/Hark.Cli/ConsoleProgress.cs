using Hark.Evaluation.Reports;
using System.Globalization;
using Hark.Training.Loop;
using Hark.Training.Runs;

namespace Hark.Cli;

/// <summary>
/// Shows training progress through a <see cref="ConsoleOutput"/>: on a terminal, one live line per epoch rewritten in
/// place (a bar, loss, samples/s, ETA of the epoch and of the run) and finished epochs with the kept one's "*best" in
/// colour; otherwise (CI logs, pipes, HARK_QUIET=1) a plain line per finished epoch, with the run's ETA.
/// In a cross-validation the ETA covers the folds still to come ("cv ETA", from the mean epoch time of every fold so
/// far), and each fold opens with a line that says so. Feature extraction shows as a <see cref="ProgressLine"/>.
/// </summary>
public sealed class ConsoleProgress(ConsoleOutput output) : ITrainingObserver
{
    private readonly List<double> epochSeconds = [];
    private int lastEpoch, lastEpochs, fold, folds, epochs;
    private DateTime epochStart;
    private DateTime lastDraw;

    public void EpochStarted(int epoch, int epochs, int batches)
    {
        if (epoch <= lastEpoch && folds == 0) epochSeconds.Clear(); // a new fit
        lastEpoch = epoch;
        this.epochs = epochs;
        epochStart = DateTime.UtcNow;
        lastDraw = DateTime.MinValue;
    }

    public void BatchFinished(int epoch, int batch, int batches, double loss, double samplesPerSecond)
    {
        if (!output.IsLive || (DateTime.UtcNow - lastDraw).TotalMilliseconds < 200 && batch < batches) return;
        lastDraw = DateTime.UtcNow;
        double elapsed = (DateTime.UtcNow - epochStart).TotalSeconds;
        double eta = batch > 0 ? elapsed / batch * (batches - batch) : 0;
        double perEpoch = epochSeconds.Count > 0 ? epochSeconds.Average() : batch > 0 ? elapsed / batch * batches : double.NaN;
        int later = EpochsLeftAfter(epoch, epochs);
        string run = later > 0 ? $"  {(folds > 0 ? "cv" : "run")} ETA {ConsoleMode.Duration(eta + perEpoch * later)}" : "";
        output.Live([(Invariant($"epoch {epoch}/{epochs} "), Tone.Plain), .. ConsoleOutput.Bar((double)batch / batches),
            (Invariant($" {batch}/{batches}  loss {loss:F4}  {samplesPerSecond:F0} samples/s  ETA {ConsoleMode.Duration(eta)}"), Tone.Plain), (run, Tone.Muted)]);
    }

    public void EpochFinished(EpochRecord record, bool isBest, int epochs)
    {
        epochSeconds.Add(record.Seconds);
        var metrics = string.Join(" ", record.ValidationMetrics.Select(kv => Invariant($"{kv.Key} {kv.Value:F4}")));
        var validationLoss = double.IsNaN(record.ValidationLoss) ? "" : Invariant($"  val_loss {record.ValidationLoss:F4}");
        output.Line(
            (Invariant($"epoch {record.Epoch}/{epochs}  train_loss {record.TrainLoss:F4}{validationLoss}  {metrics}  lr {record.LearningRate:G3}  {record.SamplesPerSecond:F0} samples/s  {record.Seconds:F1}s"), Tone.Plain),
            (isBest && record.ValidationMetrics.Count > 0 ? "  *best" : "", Tone.Best),
            (RunEta(record, epochs), Tone.Muted));
    }

    public void Message(string text) => output.Message(text);

    public void FoldStarted(int fold, int folds)
    {
        this.fold = fold;
        this.folds = folds;
        string eta = epochSeconds.Count == 0 ? "" : $"  cv ETA {ConsoleMode.Duration(epochSeconds.Average() * (folds - fold + 1) * lastEpochs)}";
        output.Line(($"fold {fold}/{folds}", Tone.Heading), (eta, Tone.Muted));
    }

    public IProgress<Hark.Features.Extraction.ExtractionProgress> Extracting(string what) => new ProgressLine(what, output);

    /// <summary>
    /// "  run ETA 3 min 05 s": the mean epoch time so far times the epochs left (early stopping may end sooner); in a
    /// cross-validation "  cv ETA ..." counts the later folds' epochs too.
    /// </summary>
    private string RunEta(EpochRecord record, int epochs)
    {
        lastEpochs = epochs;
        int left = EpochsLeftAfter(record.Epoch, epochs);
        return left <= 0 || epochSeconds.Count == 0 ? "" : $"  {(folds > 0 ? "cv" : "run")} ETA {ConsoleMode.Duration(epochSeconds.Average() * left)}";
    }

    /// <summary>The epochs still to run after <paramref name="epoch"/>: of this fit, and in a cross-validation of the later folds.</summary>
    private int EpochsLeftAfter(int epoch, int epochs) => epochs - epoch + (folds > 0 ? (folds - fold) * epochs : 0);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
