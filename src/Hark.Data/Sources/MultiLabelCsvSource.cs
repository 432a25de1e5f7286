using Hark.Data.Csv;

namespace Hark.Data.Sources;

/// <summary>
/// Multi-label CSV: <c>path,labels[,split]</c> or Kaggle's <c>fname,labels</c>; the labels field holds class names
/// separated by commas or semicolons (quoted in the CSV when it holds commas). Give
/// <see cref="DataSourceOptions.Labels"/> from <see cref="LabelSpace.FromSampleSubmission"/> to fix the class order.
/// </summary>
public static class MultiLabelCsvSource
{
    public static readonly string[] LabelsColumns = ["labels", "tags"];

    public static Dataset Load(string csvPath, DataSourceOptions? options = null)
    {
        options ??= new DataSourceOptions();
        return Load(CsvReader.ReadFile(csvPath), options);
    }

    public static Dataset Load(CsvTable table, DataSourceOptions options)
    {
        int pathColumn = table.RequireColumn(LabelCsvSource.PathColumns);
        int labelsColumn = table.RequireColumn(LabelsColumns);
        var (splitColumn, groupColumn, baseFolder) = ItemCollector.SharedColumns(table, options);
        int weightColumn = table.ColumnIndex("weight");

        var collector = new ItemCollector(table.Path, options);
        foreach (var row in table.Rows)
        {
            var f = row.Fields;
            if (!collector.CheckColumnCount(table.Path, row.Line, f, table.Header)) continue;
            string rawPath = f[pathColumn].Trim();
            if (!TrySplitLabels(f[labelsColumn], out var labels, out string why))
            {
                collector.Problem(table.Path, row.Line, DataProblemKind.EmptyLabel, $"column '{table.Header[labelsColumn]}' {why}");
                continue;
            }
            if (!collector.TryWeight(f, weightColumn, table.Path, row.Line, out float weight)) continue;
            if (!collector.TryResolve(rawPath, baseFolder, table.Path, row.Line, table.Header[pathColumn], out string full)) continue;
            collector.Add(rawPath, [full], labels, ItemCollector.Optional(f, splitColumn), ItemCollector.Optional(f, groupColumn), table.Path, row.Line, weight);
        }
        return collector.Finish(LabelKind.MultiLabel, hasLabels: true);
    }

    /// <summary>Splits "a,b;c" into trimmed names; an empty field or an empty name between separators is an error.</summary>
    public static bool TrySplitLabels(string field, out string[] labels, out string why)
    {
        labels = field.Split([',', ';']).Select(l => l.Trim()).ToArray();
        why = "";
        if (field.Trim().Length == 0)
        {
            why = "is empty; expected one or more class names separated by ',' or ';'";
            return false;
        }
        if (labels.Any(l => l.Length == 0))
        {
            why = $"has an empty class name in '{field}'; expected names separated by single ',' or ';'";
            return false;
        }
        return true;
    }
}
