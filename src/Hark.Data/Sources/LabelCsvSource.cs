using Hark.Data.Csv;

namespace Hark.Data.Sources;

/// <summary>
/// Single-label CSV: <c>path,label[,split][,...]</c> (also <c>fname</c>/<c>filename</c> for the path column and
/// <c>target</c>/<c>class</c> for the label). Paths are relative to the CSV's folder (or <see cref="DataSourceOptions.FilesRoot"/>)
/// or absolute. Without a label column the dataset is unlabelled (files to predict on).
/// </summary>
public static class LabelCsvSource
{
    public static readonly string[] PathColumns = ["path", "filepath", "file", "fname", "filename"];
    public static readonly string[] LabelColumns = ["label", "target", "class"];

    public static Dataset Load(string csvPath, DataSourceOptions? options = null)
    {
        options ??= new DataSourceOptions();
        var table = CsvReader.ReadFile(csvPath);
        return Load(table, options);
    }

    public static Dataset Load(CsvTable table, DataSourceOptions options)
    {
        int pathColumn = table.RequireColumn(PathColumns);
        int labelColumn = table.ColumnIndex(LabelColumns);
        var (splitColumn, groupColumn, baseFolder) = ItemCollector.SharedColumns(table, options);
        int weightColumn = table.ColumnIndex("weight");

        var collector = new ItemCollector(table.Path, options);
        foreach (var row in table.Rows)
        {
            var f = row.Fields;
            if (!collector.CheckColumnCount(table.Path, row.Line, f, table.Header)) continue;
            string rawPath = f[pathColumn].Trim();
            string[] labels = [];
            if (labelColumn >= 0)
            {
                string label = f[labelColumn].Trim();
                if (label.Length == 0)
                {
                    collector.Problem(table.Path, row.Line, DataProblemKind.EmptyLabel, $"column '{table.Header[labelColumn]}' is empty; expected a class name");
                    continue;
                }
                labels = [label];
            }
            if (!collector.TryWeight(f, weightColumn, table.Path, row.Line, out float weight)) continue;
            if (!collector.TryResolve(rawPath, baseFolder, table.Path, row.Line, table.Header[pathColumn], out string full)) continue;
            collector.Add(rawPath, [full], labels, ItemCollector.Optional(f, splitColumn), ItemCollector.Optional(f, groupColumn), table.Path, row.Line, weight);
        }
        return collector.Finish(LabelKind.SingleLabel, hasLabels: labelColumn >= 0);
    }
}
