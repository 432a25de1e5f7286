namespace Hark.Training.Runs;

/// <summary>
/// The files of one run (`runs/&lt;name&gt;/`), the unit of reproducibility: everything `hark predict/eval/serve`
/// needs is here, and nothing else is needed.
/// </summary>
public sealed class RunDirectory(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string Config => Combine("config.yaml");
    public string Classes => Combine("classes.json");
    public string LegacyClasses => Combine("classes.txt");
    public string Model => Combine("model.safetensors");
    public string EmaModel => Combine("model.ema.safetensors");
    public string Normalizer => Combine("normalizer.safetensors");
    public string Checkpoint => Combine("checkpoint.safetensors");
    public string PreviousCheckpoint => Combine("checkpoint.previous.safetensors");
    public string CheckpointState => Combine("checkpoint.json");
    public string HistoryCsv => Combine("history.csv");
    public string HistoryJson => Combine("history.json");
    public string TensorBoard => Combine(TensorBoardEvents.FileName);
    public string Metrics => Combine("metrics.json");
    public string Report => Combine("report.html");
    public string Predictions => Combine("predictions.csv");
    public string Problems => Combine("problems.txt");

    public bool Exists => File.Exists(Config);

    public void Create() => Directory.CreateDirectory(Path);

    /// <summary>Throws unless this is a finished or resumable run directory.</summary>
    public void RequireConfig()
    {
        if (!Exists)
            throw new FileNotFoundException($"{Path} is not a Hark run directory: {Config} is missing (train one with 'hark train --out {Path} ...')", Config);
    }

    /// <summary>
    /// Deletes the temporary files that saves killed part-way left here (<see cref="AtomicFile"/>'s <c>.NAME.*.tmp</c>,
    /// safetensors' <c>NAME.tmp-PID</c>); returns how many. Call it only on a run this process is about to write.
    /// </summary>
    public int RemoveLeftoverTemporaryFiles()
    {
        if (!Directory.Exists(Path)) return 0;
        var leftovers = Directory.EnumerateFiles(Path, ".*.tmp").Concat(Directory.EnumerateFiles(Path, "*.tmp-*")).Distinct().ToList();
        foreach (var file in leftovers) File.Delete(file);
        return leftovers.Count;
    }

    private string Combine(string name) => System.IO.Path.Combine(Path, name);
}
