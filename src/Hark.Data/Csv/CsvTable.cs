namespace Hark.Data.Csv;

/// <summary>
/// A CSV file read whole: the header (first record) and the data records with their line numbers, so every
/// problem found later can name the file and line.
/// </summary>
public sealed class CsvTable
{
    public CsvTable(string path, string[] header, IReadOnlyList<CsvRow> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
    }

    /// <summary>The file the table came from (as given), used in messages.</summary>
    public string Path { get; }

    public string[] Header { get; }

    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>Index of the first header column whose name equals one of <paramref name="names"/> (case-insensitive, trimmed), or -1.</summary>
    public int ColumnIndex(params string[] names)
    {
        foreach (var name in names)
            for (int i = 0; i < Header.Length; i++)
                if (string.Equals(Header[i].Trim(), name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>Like <see cref="ColumnIndex"/> but throws naming the file and the header found when no column matches.</summary>
    public int RequireColumn(params string[] names)
    {
        int index = ColumnIndex(names);
        if (index < 0)
            throw new FormatException(
                $"{Path}:1: expected a column named {string.Join(" or ", names.Select(n => $"'{n}'"))} in the header, got '{string.Join(",", Header)}'");
        return index;
    }
}
