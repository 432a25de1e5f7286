using Hark.Evaluation.Reports;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hark.Training.Runs;

/// <summary>Writes a run's history as history.csv (one row per epoch), history.json and a TensorBoard event file, atomically.</summary>
public static class HistoryFiles
{
    public static void Write(RunDirectory run, IReadOnlyList<EpochRecord> history)
    {
        var metricNames = history.SelectMany(h => h.ValidationMetrics.Keys).Distinct().ToList();
        var csv = new StringBuilder("epoch,train_loss,val_loss," + string.Concat(metricNames.Select(m => "val_" + m + ",")) + "lr,seconds,samples_per_second\n");
        foreach (var h in history)
        {
            csv.Append(h.Epoch).Append(',').Append(F(h.TrainLoss)).Append(',').Append(F(h.ValidationLoss)).Append(',');
            foreach (var m in metricNames) csv.Append(F(h.ValidationMetrics.GetValueOrDefault(m, double.NaN))).Append(',');
            csv.Append(F(h.LearningRate)).Append(',').Append(F(h.Seconds)).Append(',').Append(F(h.SamplesPerSecond)).Append('\n');
        }
        AtomicFile.WriteAllText(run.HistoryCsv, csv.ToString());
        AtomicFile.WriteAllText(run.HistoryJson, Serialize(history));
        var events = TensorBoardEvents.Serialize(history, DateTimeOffset.UtcNow);
        AtomicFile.Write(run.TensorBoard, temporary => File.WriteAllBytes(temporary, events));
    }

    public static string Serialize(IReadOnlyList<EpochRecord> history) =>
        JsonSerializer.Serialize(history.Select(h => new Dictionary<string, object>
        {
            ["epoch"] = h.Epoch,
            ["train_loss"] = Json(h.TrainLoss),
            ["val_loss"] = Json(h.ValidationLoss),
            ["val_metrics"] = h.ValidationMetrics.ToDictionary(kv => kv.Key, kv => Json(kv.Value)),
            ["lr"] = h.LearningRate,
            ["seconds"] = h.Seconds,
            ["samples_per_second"] = h.SamplesPerSecond,
        }), new JsonSerializerOptions { WriteIndented = true });

    public static List<EpochRecord> Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(e => new EpochRecord(
            e.GetProperty("epoch").GetInt32(),
            Read(e.GetProperty("train_loss")),
            Read(e.GetProperty("val_loss")),
            e.GetProperty("val_metrics").EnumerateObject().ToDictionary(p => p.Name, p => Read(p.Value)),
            e.GetProperty("lr").GetDouble(),
            e.GetProperty("seconds").GetDouble(),
            e.GetProperty("samples_per_second").GetDouble())).ToList();
    }

    // JSON has no NaN: a missing score is written as null.
    private static object Json(double v) => double.IsFinite(v) ? v : null!;
    private static double Read(JsonElement e) => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble();
    private static string F(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
