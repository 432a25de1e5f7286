using Hark.Evaluation.Reports;
using System.Globalization;
using Hark.Training.Loop;
using Hark.Training.Runs;

namespace Hark.Cli;

/// <summary>
/// Shows training progress: on a terminal, one live line per epoch rewritten in place (loss, samples/s, ETA);
/// otherwise (CI logs, pipes) a plain line per finished epoch.
/// </summary>
public sealed class ConsoleProgress : ITrainingObserver
{
    private readonly bool live = !Console.IsOutputRedirected;
    private DateTime epochStart;
    private DateTime lastDraw;

    public void EpochStarted(int epoch, int epochs, int batches)
    {
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
        if (live) Console.Write("\r" + new string(' ', 100) + "\r");
        var metrics = string.Join(" ", record.ValidationMetrics.Select(kv => Invariant($"{kv.Key} {kv.Value:F4}")));
        var validationLoss = double.IsNaN(record.ValidationLoss) ? "" : Invariant($"  val_loss {record.ValidationLoss:F4}");
        Console.WriteLine(Invariant($"epoch {record.Epoch}/{epochs}  train_loss {record.TrainLoss:F4}{validationLoss}  {metrics}  lr {record.LearningRate:G3}  {record.SamplesPerSecond:F0} samples/s  {record.Seconds:F1}s{(isBest ? "  *best" : "")}"));
    }

    public void Message(string text) => Console.WriteLine(text);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
