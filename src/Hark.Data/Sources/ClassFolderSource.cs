namespace Hark.Data.Sources;

/// <summary>
/// Class folders: <c>root/&lt;class&gt;/**/*.wav|flac|ogg|oga|mp3|aif|aiff|aifc|npy</c>. The class is the first folder under the root;
/// files are listed in ordinal path order. Files directly under the root and files of other types are reported.
/// The item id is the path relative to the root, with '/' separators.
/// </summary>
public static class ClassFolderSource
{
    public static readonly string[] Extensions = [".wav", ".flac", ".ogg", ".oga", ".mp3", ".aif", ".aiff", ".aifc", ".npy"];

    public static Dataset Load(string root, DataSourceOptions? options = null)
    {
        options ??= new DataSourceOptions();
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"ClassFolderSource: folder not found: {root}");
        string fullRoot = Path.GetFullPath(root);
        var collector = new ItemCollector(root, options);

        foreach (var file in Directory.EnumerateFiles(fullRoot).OrderBy(f => f, StringComparer.Ordinal))
            collector.Problem(file, 0, DataProblemKind.UnsupportedFile, "file directly under the root; expected files inside <root>/<class>/");

        foreach (var classFolder in Directory.EnumerateDirectories(fullRoot).OrderBy(d => d, StringComparer.Ordinal))
        {
            string className = Path.GetFileName(classFolder);
            var files = Directory.EnumerateFiles(classFolder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(fullRoot, f).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal);
            foreach (var relative in files)
            {
                string full = Path.Combine(fullRoot, relative);
                if (!Extensions.Contains(Path.GetExtension(relative).ToLowerInvariant()))
                {
                    collector.Problem(full, 0, DataProblemKind.UnsupportedFile, $"not an audio or .npy file; expected one of {string.Join(" ", Extensions)}");
                    continue;
                }
                collector.Add(relative, [full], [className], split: null, group: null, full, 0);
            }
        }
        return collector.Finish(LabelKind.SingleLabel, hasLabels: true);
    }
}
