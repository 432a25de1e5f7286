using Hark.Evaluation.Reports;
using System.Globalization;
using Hark.Training.Loop;
using Hark.Training.Runs;

namespace Hark.Cli;

/// <summary>
/// Shows training progress: on a terminal, one live line per epoch rewritten in place (loss, samples/s, ETA of the
/// epoch and of the run); otherwise (CI logs, pipes, HARK_QUIET=1) a plain line per finished epoch, with the run's ETA.
/// Feature extraction shows as a <see cref="ProgressLine"/>.
/// </summary>
public sealed class ConsoleProgress : ITrainingObserver
{
    private readonly bool live = ConsoleMode.Live;
    private readonly List<double> epochSeconds = [];
    private int lastEpoch;
    private DateTime epochStart;
    private DateTime lastDraw;

    public void EpochStarted(int epoch, int epochs, int batches)
    {
        if (epoch <= lastEpoch) epochSeconds.Clear(); // a new fit (the next cross-validation fold)
        lastEpoch = epoch;
        epochStart = DateTime.UtcNow;
        lastDraw = DateTime.MinValue;
    }

    public void BatchFinished(int epoch, int batch, int batches, double loss, double samplesPerSecond)
    {
        if (!live || (DateTime.UtcNow - lastDraw).TotalMilliseconds < 200 && batch < batches) return;
        lastDraw = DateTime.UtcNow;
        double elapsed = (DateTime.UtcNow - epochStart).TotalSeconds;
        double eta = batch > 0 ? elapsed / batch * (batches - batch) : 0;
        int width = 24, filled = (int)Math.Round(width * (double)batch / batches);
        Console.Write(Invariant($"\repoch {epoch} [{new string('#', filled)}{new string('.', width - filled)}] {batch}/{batches} loss {loss:F4} {samplesPerSecond:F0} samples/s ETA {eta:F0}s   "));
    }

    public void EpochFinished(EpochRecord record, bool isBest, int epochs)
    {
        epochSeconds.Add(record.Seconds);
        if (live) Console.Write("\r" + new string(' ', 100) + "\r");
        var metrics = string.Join(" ", record.ValidationMetrics.Select(kv => Invariant($"{kv.Key} {kv.Value:F4}")));
        var validationLoss = double.IsNaN(record.ValidationLoss) ? "" : Invariant($"  val_loss {record.ValidationLoss:F4}");
        Console.WriteLine(Invariant($"epoch {record.Epoch}/{epochs}  train_loss {record.TrainLoss:F4}{validationLoss}  {metrics}  lr {record.LearningRate:G3}  {record.SamplesPerSecond:F0} samples/s  {record.Seconds:F1}s{(isBest && record.ValidationMetrics.Count > 0 ? "  *best" : "")}{RunEta(record, epochs)}"));
    }

    public void Message(string text) => Console.WriteLine(text);

    public IProgress<Hark.Features.Extraction.ExtractionProgress> Extracting(string what) => new ProgressLine(what);

    /// <summary>"  run ETA 3 min 05 s": the mean epoch time so far times the epochs left (early stopping may end sooner).</summary>
    private string RunEta(EpochRecord record, int epochs) =>
        record.Epoch >= epochs || epochSeconds.Count == 0 ? "" : $"  run ETA {ConsoleMode.Duration(epochSeconds.Average() * (epochs - record.Epoch))}";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
