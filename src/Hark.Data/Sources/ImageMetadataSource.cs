using System.Globalization;
using Hark.Data.Csv;

namespace Hark.Data.Sources;

/// <summary>
/// The seed-000 multi-input format: <c>id,input_1,...,input_N[,target]</c>, any N &gt;= 1, paths relative to the CSV's
/// folder. Without a target column the dataset is unlabelled (the test metadata). The item id is the id column.
/// </summary>
public static class ImageMetadataSource
{
    public static Dataset Load(string csvPath, DataSourceOptions? options = null)
    {
        options ??= new DataSourceOptions();
        return Load(CsvReader.ReadFile(csvPath), options);
    }

    public static Dataset Load(CsvTable table, DataSourceOptions options)
    {
        int idColumn = table.RequireColumn("id");
        int[] inputColumns = InputColumns(table);
        int targetColumn = table.ColumnIndex("target", "label");
        var (splitColumn, groupColumn, baseFolder) = ItemCollector.SharedColumns(table, options);

        var collector = new ItemCollector(table.Path, options);
        foreach (var row in table.Rows)
        {
            var f = row.Fields;
            if (!collector.CheckColumnCount(table.Path, row.Line, f, table.Header)) continue;
            string id = f[idColumn].Trim();
            if (id.Length == 0)
            {
                collector.Problem(table.Path, row.Line, DataProblemKind.EmptyField, "column 'id' is empty; expected a sample id");
                continue;
            }
            string[] labels = [];
            if (targetColumn >= 0)
            {
                string target = f[targetColumn].Trim();
                if (target.Length == 0)
                {
                    collector.Problem(table.Path, row.Line, DataProblemKind.EmptyLabel, $"column '{table.Header[targetColumn]}' is empty; expected a class");
                    continue;
                }
                labels = [target];
            }
            var paths = new string[inputColumns.Length];
            bool ok = true;
            for (int k = 0; k < inputColumns.Length; k++)
                ok &= collector.TryResolve(f[inputColumns[k]].Trim(), baseFolder, table.Path, row.Line, table.Header[inputColumns[k]], out paths[k]);
            if (!ok) continue;
            collector.Add(id, paths, labels, ItemCollector.Optional(f, splitColumn), ItemCollector.Optional(f, groupColumn), table.Path, row.Line);
        }
        return collector.Finish(LabelKind.SingleLabel, hasLabels: targetColumn >= 0);
    }

    /// <summary>The columns input_1..input_N in number order; throws when none exist or the numbers have gaps.</summary>
    public static int[] InputColumns(CsvTable table)
    {
        var found = new SortedDictionary<int, int>();
        for (int c = 0; c < table.Header.Length; c++)
        {
            string name = table.Header[c].Trim();
            if (name.StartsWith("input_", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(name.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out int number))
                found[number] = c;
        }
        if (found.Count == 0)
            throw new FormatException($"{table.Path}:1: expected columns input_1..input_N in the header, got '{string.Join(",", table.Header)}'");
        var numbers = found.Keys.ToArray();
        for (int k = 0; k < numbers.Length; k++)
            if (numbers[k] != k + 1)
                throw new FormatException($"{table.Path}:1: expected input columns numbered 1..{numbers.Length} without gaps, got {string.Join(",", numbers.Select(n => "input_" + n))}");
        return found.Values.ToArray();
    }
}
