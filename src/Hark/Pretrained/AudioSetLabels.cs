using Hark.Data;
using Hark.Data.Csv;

namespace Hark.Pretrained;

/// <summary>
/// PANNs' label file, class_labels_indices.csv: <c>index,mid,display_name</c> with one row per class (AudioSet's 527),
/// display names quoted where they hold commas. The classes are ordered by index, which must run 0..N-1.
/// </summary>
public static class AudioSetLabels
{
    public static LabelSpace Read(string path, int expectedClasses)
    {
        var table = CsvReader.ReadFile(path);
        int indexColumn = table.RequireColumn("index"), nameColumn = table.RequireColumn("display_name");
        var names = new string?[table.Rows.Count];
        foreach (var row in table.Rows)
        {
            if (row.Fields.Length <= Math.Max(indexColumn, nameColumn))
                throw new FormatException($"{path}:{row.Line}: expected index,mid,display_name, got {row.Fields.Length} field(s)");
            var text = row.Fields[indexColumn];
            if (!int.TryParse(text, out int index) || index < 0 || index >= names.Length || names[index] is not null)
                throw new FormatException($"{path}:{row.Line}: index '{text}' is not one of 0..{names.Length - 1} or repeats one");
            names[index] = row.Fields[nameColumn];
        }
        if (names.Length != expectedClasses)
            throw new FormatException($"{path}: {names.Length} labels, but the checkpoint's head has {expectedClasses} classes");
        return LabelSpace.FromNames(names!);
    }
}
