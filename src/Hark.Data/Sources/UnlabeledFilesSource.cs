namespace Hark.Data.Sources;

/// <summary>
/// Files to predict on: one audio (or .npy) file, or every such file under a folder (recursively, ordinal path order).
/// The dataset is unlabelled; ids are paths relative to the folder (the file name for a single file). Other files in
/// the folder are reported.
/// </summary>
public static class UnlabeledFilesSource
{
    public static Dataset Load(string path, DataSourceOptions? options = null)
    {
        options ??= new DataSourceOptions();
        var labels = options.Labels ?? LabelSpace.FromNames([]);
        var collector = new ItemCollector(path, options with { Labels = labels });
        if (File.Exists(path))
        {
            string full = Path.GetFullPath(path);
            if (IsSupported(full)) collector.Add(Path.GetFileName(full), [full], [], null, null, full, 0);
            else collector.Problem(full, 0, DataProblemKind.UnsupportedFile, $"not an audio or .npy file; expected one of {string.Join(" ", ClassFolderSource.Extensions)}");
            return collector.Finish(LabelKind.SingleLabel, hasLabels: false);
        }
        if (!Directory.Exists(path)) throw new FileNotFoundException($"UnlabeledFilesSource: no file or folder at {path}", path);
        string root = Path.GetFullPath(path);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal);
        foreach (var relative in files)
        {
            string full = Path.Combine(root, relative);
            if (IsSupported(full)) collector.Add(relative, [full], [], null, null, full, 0);
            else collector.Problem(full, 0, DataProblemKind.UnsupportedFile, $"not an audio or .npy file; expected one of {string.Join(" ", ClassFolderSource.Extensions)}");
        }
        return collector.Finish(LabelKind.SingleLabel, hasLabels: false);
    }

    private static bool IsSupported(string path) => ClassFolderSource.Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());
}
