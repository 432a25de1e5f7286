namespace Hark.Data.Sources;

/// <summary>
/// Shared bookkeeping of the sources: collects rows with their raw label names, finds duplicate ids and missing files,
/// then maps labels onto the label space (given, or built from the rows) and applies the problem policy.
/// </summary>
internal sealed class ItemCollector
{
    private readonly string source;
    private readonly DataSourceOptions options;
    private readonly List<DataProblem> problems = [];
    private readonly List<Pending> pending = [];
    private readonly Dictionary<string, string> originById = new(StringComparer.Ordinal);
    private readonly List<string> outsideFolder = [];

    private sealed record Pending(string Id, string[] Paths, string[] RawLabels, string? Split, string? Group, string File, int Line, float Weight);

    public ItemCollector(string source, DataSourceOptions options)
    {
        this.source = source;
        this.options = options;
    }

    public void Problem(string file, int line, DataProblemKind kind, string message) => problems.Add(new DataProblem(file, line, kind, message));

    /// <summary>
    /// Resolves a path relative to <paramref name="baseFolder"/> (absolute paths stay), refuses it when it leaves the
    /// options' data root (it is then never opened), notes it when it leaves <paramref name="baseFolder"/>, and checks it
    /// exists when asked to.
    /// </summary>
    public bool TryResolve(string raw, string baseFolder, string file, int line, string column, out string fullPath)
    {
        fullPath = "";
        if (string.IsNullOrWhiteSpace(raw))
        {
            Problem(file, line, DataProblemKind.EmptyField, $"column '{column}' is empty; expected a file path");
            return false;
        }
        fullPath = Path.GetFullPath(Path.IsPathRooted(raw) ? raw : Path.Combine(baseFolder, raw));
        if (options.DataRoot is { } root && !IsInside(fullPath, root))
        {
            Problem(file, line, DataProblemKind.OutsideDataRoot, $"file '{raw}' in column '{column}' is outside the data root {Path.GetFullPath(root)}; expected a path inside it");
            return false;
        }
        if (!IsInside(fullPath, baseFolder)) outsideFolder.Add(fullPath);
        if (options.CheckFilesExist && !File.Exists(fullPath))
        {
            Problem(file, line, DataProblemKind.MissingFile, $"file '{raw}' in column '{column}' not found (looked for {fullPath})");
            return false;
        }
        return true;
    }

    /// <summary>Adds a row that passed its own checks; returns false (and reports) when its id was seen before.</summary>
    public bool Add(string id, string[] paths, string[] rawLabels, string? split, string? group, string file, int line, float weight = 1f)
    {
        string origin = line > 0 ? $"{file}:{line}" : file;
        if (!originById.TryAdd(id, origin))
        {
            Problem(file, line, DataProblemKind.DuplicateId, $"duplicate id '{id}'; expected each id once, first seen at {originById[id]}");
            return false;
        }
        pending.Add(new Pending(id, paths, rawLabels, split, group, file, line, weight));
        return true;
    }

    public Dataset Finish(LabelKind kind, bool hasLabels)
    {
        var labels = options.Labels ?? LabelSpace.FromLabels(pending.SelectMany(p => p.RawLabels));
        var items = new List<DatasetItem>(pending.Count);
        foreach (var p in pending)
        {
            var indices = new List<int>(p.RawLabels.Length);
            bool ok = true;
            foreach (var raw in p.RawLabels)
            {
                if (labels.TryGetIndex(raw, out int index))
                {
                    indices.Add(index);
                    continue;
                }
                Problem(p.File, p.Line, DataProblemKind.UnknownLabel, $"unknown label '{raw}'; expected one of {labels.Describe()}");
                ok = false;
            }
            if (!ok) continue;
            indices.Sort();
            string origin = p.Line > 0 ? $"{p.File}:{p.Line}" : p.File;
            items.Add(new DatasetItem(p.Id, p.Paths, indices.Distinct().ToArray(), p.Split, p.Group, origin, p.Weight));
        }
        var sorted = problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ToArray();
        if (sorted.Length > 0 && options.OnProblem == ProblemPolicy.Fail) throw new DataProblemsException(source, sorted);
        return new Dataset(source, items, labels, kind, hasLabels, sorted, outsideFolder);
    }

    private static bool IsInside(string fullPath, string folder)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        return fullPath.StartsWith(root, StringComparison.Ordinal);
    }

    /// <summary>Reports a row whose field count differs from the header's; returns false when it does.</summary>
    public bool CheckColumnCount(string file, int line, string[] fields, string[] header)
    {
        if (fields.Length == header.Length) return true;
        Problem(file, line, DataProblemKind.WrongColumnCount,
            $"expected {header.Length} columns ({string.Join(",", header)}), got {fields.Length}");
        return false;
    }

    /// <summary>The columns every CSV source reads the same way: split, group (when the options name one) and the folder relative paths start from.</summary>
    public static (int Split, int Group, string BaseFolder) SharedColumns(Csv.CsvTable table, DataSourceOptions options)
    {
        string? groupName = GroupColumnOf(table, options);
        return (table.ColumnIndex("split"), groupName is null ? -1 : table.ColumnIndex(groupName),
            options.FilesRoot ?? Path.GetDirectoryName(Path.GetFullPath(table.Path))!);
    }

    public static string? GroupColumnOf(Csv.CsvTable table, DataSourceOptions options)
    {
        if (options.GroupColumn is null)
        {
            int found = table.ColumnIndex("group", "speaker");
            return found >= 0 ? table.Header[found] : null;
        }
        table.RequireColumn(options.GroupColumn);
        return options.GroupColumn;
    }

    /// <summary>
    /// The row's training weight from the optional <c>weight</c> column (<paramref name="index"/> -1: none, weight 1);
    /// false (and reported) when it is not a finite number >= 0.
    /// </summary>
    public bool TryWeight(string[] fields, int index, string file, int line, out float weight)
    {
        weight = 1f;
        if (index < 0 || string.IsNullOrWhiteSpace(fields[index])) return true;
        if (float.TryParse(fields[index], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out weight) && float.IsFinite(weight) && weight >= 0)
            return true;
        Problem(file, line, DataProblemKind.BadValue, $"column 'weight' is '{fields[index]}'; expected a number >= 0 (the row's training weight)");
        return false;
    }

    public static string? Optional(string[] fields, int index) =>
        index < 0 || string.IsNullOrWhiteSpace(fields[index]) ? null : fields[index].Trim();
}
