namespace Hark.Data.Sources;

/// <summary>
/// What `predict`, `eval`, `embed` and `index` take as input, resolved the same way for each: a CSV (any
/// <see cref="DataSource"/> format), one audio file, or a folder. A folder is read as class folders (the first folder
/// under it names the label) when labels are wanted and every audio file lies inside a sub-folder; otherwise every audio
/// file under it, flat or nested, is an unlabelled input whose id is its path relative to the folder. Files of other
/// types in a folder are reported and left out, whatever the policy: they are not inputs.
/// </summary>
public static class InputSource
{
    /// <summary>Whether <paramref name="input"/> names one file to read as audio (not a CSV).</summary>
    public static bool IsSingleFile(string input) => File.Exists(input) && !IsCsv(input);

    /// <summary>Opens <paramref name="input"/>; <paramref name="wantLabels"/> reads a folder of class folders with its labels.</summary>
    public static Dataset Open(string input, DataSourceOptions options, bool wantLabels)
    {
        if (Directory.Exists(input))
        {
            var lenient = options with { OnProblem = ProblemPolicy.SkipAndReport };
            return wantLabels && IsClassFolders(input) ? ClassFolderSource.Load(input, lenient) : UnlabeledFilesSource.Load(input, lenient);
        }
        if (File.Exists(input)) return IsCsv(input) ? DataSource.Open(input, options) : UnlabeledFilesSource.Load(input, options);
        throw new FileNotFoundException(Missing(input), input);
    }

    /// <summary>The message for an input that does not exist, naming what kind of input it looked like.</summary>
    public static string Missing(string input)
    {
        string full = Path.GetFullPath(input);
        if (IsCsv(input)) return $"{input}: no such CSV file (looked for {full})";
        if (IsAudio(input)) return $"{input}: no such audio file (looked for {full})";
        return $"{input}: no such file or folder (looked for {full}); expected a CSV, a folder of audio files or one audio file";
    }

    public static bool IsAudio(string path) => ClassFolderSource.Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    private static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    private static bool IsClassFolders(string folder) =>
        !Directory.EnumerateFiles(folder).Any(IsAudio)
        && Directory.EnumerateDirectories(folder).Any(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories).Any(IsAudio));
}
