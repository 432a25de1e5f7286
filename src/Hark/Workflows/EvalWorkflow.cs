using Hark.Data;
using Hark.Data.Sources;
using Hark.Data.Csv;
using Hark.Training.Configuration;
using Hark.Evaluation;
using Hark.Inference;

namespace Hark.Workflows;

/// <summary>
/// `hark eval RUN DATA [--solution SOLUTION.csv]`: scores a run on labelled data, or on unlabelled data whose answers
/// are in a solution CSV (<c>id,target</c>, Kaggle style), and returns the metric suite.
/// </summary>
public static class EvalWorkflow
{
    public static Dictionary<string, double> Run(string runDirectory, string data, string? solution, Action<string> report)
    {
        var table = PredictWorkflow.Run(new PredictRequest([runDirectory], data, Out: null), report);
        var classes = LabelSpace.FromNames(table.Classes);
        var truth = solution is null ? LabelsFromData(data, classes) : LabelsFromSolution(solution, classes);
        var rows = new List<int>();
        var missing = new List<string>();
        for (int i = 0; i < table.Ids.Count; i++)
        {
            if (truth.ContainsKey(table.Ids[i])) rows.Add(i);
            else missing.Add(table.Ids[i]);
        }
        if (missing.Count > 0)
            throw new ConfigException($"{solution ?? data}: no answer for {missing.Count} predicted id(s), e.g. {string.Join(", ", missing.Take(5))}");
        var probabilities = rows.Select(i => table.Probabilities[i]).ToArray();
        if (!table.MultiLabel)
            return MetricSuite.SingleLabel(rows.Select(i => truth[table.Ids[i]][0]).ToArray(), probabilities);
        var targets = rows.Select(i =>
        {
            var t = new bool[classes.Count];
            foreach (var c in truth[table.Ids[i]]) t[c] = true;
            return t;
        }).ToArray();
        return MetricSuite.MultiLabel(targets, probabilities);
    }

    private static Dictionary<string, int[]> LabelsFromData(string data, LabelSpace classes)
    {
        var dataset = DataSource.Open(data, new DataSourceOptions { Labels = classes });
        if (!dataset.HasLabels) throw new ConfigException($"{data} has no labels; pass --solution with the answers");
        return dataset.Items.ToDictionary(i => i.Id, i => i.Labels);
    }

    private static Dictionary<string, int[]> LabelsFromSolution(string path, LabelSpace classes)
    {
        var table = CsvReader.ReadFile(path);
        if (table.Header.Length < 2) throw new FormatException($"{path}:1: expected a header 'id,target'");
        var answers = new Dictionary<string, int[]>();
        foreach (var row in table.Rows)
        {
            var labels = row.Fields[1].Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var indices = new int[labels.Length];
            for (int k = 0; k < labels.Length; k++)
                indices[k] = classes.TryGetIndex(labels[k], out var index)
                    ? index
                    : throw new FormatException($"{path}:{row.Line}: unknown class '{labels[k]}'; the run knows {classes.Describe()}");
            answers[row.Fields[0]] = indices;
        }
        return answers;
    }
}
