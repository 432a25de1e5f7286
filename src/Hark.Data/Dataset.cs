namespace Hark.Data;

/// <summary>
/// The items a source produced, their label space and kind, and the problems found while reading (rows with problems
/// are not in <see cref="Items"/>).
/// </summary>
public sealed class Dataset
{
    public Dataset(string source, IReadOnlyList<DatasetItem> items, LabelSpace labels, LabelKind kind, bool hasLabels, IReadOnlyList<DataProblem> problems,
        IReadOnlyList<string>? pathsOutsideFolder = null)
    {
        PathsOutsideFolder = pathsOutsideFolder ?? [];
        Source = source;
        Items = items;
        Labels = labels;
        Kind = kind;
        HasLabels = hasLabels;
        Problems = problems;
    }

    /// <summary>The file or folder the dataset was read from.</summary>
    public string Source { get; }

    public IReadOnlyList<DatasetItem> Items { get; }

    public LabelSpace Labels { get; }

    public LabelKind Kind { get; }

    /// <summary>False for sources without a label column (test metadata to predict on).</summary>
    public bool HasLabels { get; }

    public IReadOnlyList<DataProblem> Problems { get; }

    /// <summary>Files the rows point to outside the folder tree their paths are resolved from (<c>../</c> or absolute paths), in row order.</summary>
    public IReadOnlyList<string> PathsOutsideFolder { get; }

    public int Count => Items.Count;

    /// <summary>The class index of each item (single-label datasets only).</summary>
    public int[] SingleLabels()
    {
        if (Kind != LabelKind.SingleLabel || !HasLabels)
            throw new InvalidOperationException($"{Source}: SingleLabels needs a labelled single-label dataset, this one is {(HasLabels ? Kind.ToString() : "unlabelled")}");
        return Items.Select(item => item.Label).ToArray();
    }

    /// <summary>Multi-hot targets [items][classes]; works for single-label datasets too (one-hot).</summary>
    public bool[][] MultiHot()
    {
        if (!HasLabels) throw new InvalidOperationException($"{Source}: MultiHot needs labels, this dataset has none");
        var rows = new bool[Items.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new bool[Labels.Count];
            foreach (int c in Items[i].Labels) rows[i][c] = true;
        }
        return rows;
    }

    public string?[] Splits() => Items.Select(item => item.Split).ToArray();

    public string?[] Groups() => Items.Select(item => item.Group).ToArray();

    /// <summary>Indices of the items whose split column equals <paramref name="split"/> (case-insensitive).</summary>
    public int[] IndicesOfSplit(string split) =>
        Enumerable.Range(0, Items.Count).Where(i => string.Equals(Items[i].Split, split, StringComparison.OrdinalIgnoreCase)).ToArray();

    /// <summary>A dataset with the items at <paramref name="indices"/> (in that order), the same label space and no problems.</summary>
    public Dataset Subset(IEnumerable<int> indices) =>
        new(Source, indices.Select(i => Items[i]).ToArray(), Labels, Kind, HasLabels, []);
}
