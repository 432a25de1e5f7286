using Hark.Data.Csv;

namespace Hark.Data.Sources;

/// <summary>
/// Opens a dataset by looking at it: a folder is class folders; a CSV with input_1.. columns is the multi-input
/// image format, one with a 'labels' column is multi-label, anything else is the single-label CSV.
/// </summary>
public static class DataSource
{
    public static Dataset Open(string path, DataSourceOptions? options = null)
    {
        options ??= new DataSourceOptions();
        if (Directory.Exists(path)) return ClassFolderSource.Load(path, options);
        var table = CsvReader.ReadFile(path);
        if (table.Header.Any(h => h.Trim().StartsWith("input_", StringComparison.OrdinalIgnoreCase))) return ImageMetadataSource.Load(table, options);
        if (table.ColumnIndex(MultiLabelCsvSource.LabelsColumns) >= 0) return MultiLabelCsvSource.Load(table, options);
        return LabelCsvSource.Load(table, options);
    }
}
