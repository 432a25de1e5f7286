using System.Text.Json;
using Hark.Data;
using Hark.Evaluation.Reports;
using Hark.Training.Runs;

namespace Hark.Workflows;

/// <summary>`hark report RUN1 RUN2 ... [--out compare.html]`: several runs' test metrics and curves on one page.</summary>
public static class ReportWorkflow
{
    public const string DefaultOut = "compare.html";

    /// <summary>Writes the comparison of <paramref name="runFolders"/> to <paramref name="outPath"/>; returns its full path.</summary>
    public static string Compare(IReadOnlyList<string> runFolders, string outPath)
    {
        if (runFolders.Count == 0) throw new ConfigException("hark report needs at least one run directory (hark report RUN1 RUN2 ... --out compare.html)");
        var runs = runFolders.Select(folder => Read(new RunDirectory(folder))).ToList();
        // Folder names label the curves; runs sharing a name are told apart by their full paths.
        var names = runs.Select(r => Path.GetFileName(r.Run.Path.TrimEnd(Path.DirectorySeparatorChar))).ToList();
        var compared = runs.Select((r, i) => new ComparedRun(names.Count(n => n == names[i]) > 1 ? r.Run.Path : names[i], r.History, r.Test, r.BestEpoch)).ToList();
        var path = Path.GetFullPath(outPath);
        AtomicFile.WriteAllText(path, HtmlReport.RenderComparison($"Hark: {runs.Count} runs compared", compared));
        return path;
    }

    private static (RunDirectory Run, List<EpochRecord> History, Dictionary<string, double> Test, int? BestEpoch) Read(RunDirectory run)
    {
        if (!File.Exists(run.HistoryJson))
            throw new ConfigException($"{run.Path}: not a run directory (no history.json); pass folders written by hark train or hark cv");
        try
        {
            var history = HistoryFiles.Deserialize(File.ReadAllText(run.HistoryJson));
            var test = new Dictionary<string, double>();
            int? best = null;
            if (File.Exists(run.Metrics))
            {
                using var metrics = JsonDocument.Parse(File.ReadAllText(run.Metrics));
                if (metrics.RootElement.TryGetProperty("test", out var scores) && scores.ValueKind == JsonValueKind.Object)
                    foreach (var score in scores.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number)) test[score.Name] = score.Value.GetDouble();
                if (metrics.RootElement.TryGetProperty("best_epoch", out var bestEpoch) && bestEpoch.ValueKind == JsonValueKind.Number) best = bestEpoch.GetInt32();
            }
            return (run, history, test, best);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ConfigException($"{run.Path}: history.json or metrics.json cannot be read ({e.Message}); is the run complete?");
        }
    }
}
