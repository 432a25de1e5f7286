using Hark.Data;
using Hark.Training.Runs;

namespace Hark.Workflows;

/// <summary>
/// Guards a run directory about to be written: a folder that already holds a run (its config.yaml) is refused unless
/// the caller asked to overwrite it (then the old run's files are removed first, so nothing stale mixes with the new run)
/// or to resume it. Files that are not a run's are never touched.
/// </summary>
public static class RunOutput
{
    public static void Prepare(RunDirectory run, bool overwrite, string command = "train")
    {
        if (!run.Exists) return;
        if (!overwrite)
            throw new ConfigException($"{run.Path} already holds a run (config.yaml is there); pass --overwrite to replace it, "
                + $"--resume {run.Path} to continue it, or choose another --out");
        foreach (var file in RunFiles(run)) File.Delete(file);
    }

    /// <summary>The files a run writes (missing ones are skipped by File.Delete).</summary>
    private static IEnumerable<string> RunFiles(RunDirectory run) =>
    [
        run.Config, run.Classes, run.LegacyClasses, run.Model, run.EmaModel, run.Normalizer, run.Checkpoint, run.PreviousCheckpoint,
        run.CheckpointState, run.HistoryCsv, run.HistoryJson, run.TensorBoard, run.Metrics, run.Report, run.Predictions, run.Problems,
    ];
}
