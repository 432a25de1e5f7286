using Hark.Data;
using Hark.Data.Sources;
using Hark.Data.Csv;
using Hark.Training.Configuration;
using Hark.Evaluation;
using Hark.Features.Extraction;

namespace Hark.Workflows;

/// <summary>
/// `hark eval RUN DATA [--solution SOLUTION.csv] [--rows all|test|val] [--cache DIR|none]`. Rows: test (the default)
/// scores the rows whose split is test, or every row when the data has none (a folder, a CSV without a split column);
/// val the validation rows; all every row.
/// </summary>
public sealed record EvalRequest(string Run, string Data, string? Solution = null, string Rows = EvalRequest.TestRows, bool RowsGiven = false,
    string CacheDir = FeatureCacheLocation.Auto)
{
    public const string TestRows = "test";
}

/// <summary>The metric suite and which rows it was computed on, in words (e.g. "18 test rows of data.csv").</summary>
public sealed record EvalSummary(Dictionary<string, double> Metrics, int Rows, string Scored);

/// <summary>
/// `hark eval`: scores a run on labelled data (a CSV or class folders), or on unlabelled data whose answers are in a
/// solution CSV (<c>id,target</c>, Kaggle style). Only the chosen rows are predicted.
/// </summary>
public static class EvalWorkflow
{
    /// <summary><paramref name="progress"/>, when given, is asked for a sink for each feature extraction (told after every file).</summary>
    public static EvalSummary Run(EvalRequest request, Action<string> report, Func<string, IProgress<ExtractionProgress>?>? progress = null)
    {
        if (request.Rows is not ("all" or "test" or "val"))
            throw new ConfigException($"--rows {request.Rows}: expected all, test or val");
        var predict = new PredictRequest([request.Run], request.Data, Out: null, CacheDir: request.CacheDir);
        var predictors = PredictWorkflow.Load(predict);
        var classes = LabelSpace.FromNames(predictors[0].Classes.Names);
        var dataset = InputSource.Open(request.Data, new DataSourceOptions { Labels = classes }, wantLabels: request.Solution is null);
        foreach (var problem in dataset.Problems) report($"skipped {problem}");
        var truth = request.Solution is null ? LabelsFromData(request.Data, dataset) : LabelsFromSolution(request.Solution, classes);
        var (rows, scored) = ChooseRows(dataset, request);
        var table = PredictWorkflow.Predict(predictors, dataset.Subset(rows), predict, report, progress);
        var missing = table.Ids.Where(id => !truth.ContainsKey(id)).ToList();
        if (missing.Count > 0)
            throw new ConfigException($"{request.Solution ?? request.Data}: no answer for {missing.Count} predicted id(s), e.g. {string.Join(", ", missing.Take(5))}");
        var probabilities = table.Probabilities;
        if (!table.MultiLabel)
            return new EvalSummary(MetricSuite.SingleLabel(table.Ids.Select(id => truth[id][0]).ToArray(), probabilities), table.Ids.Count, scored(table.Ids.Count));
        var targets = table.Ids.Select(id =>
        {
            var t = new bool[classes.Count];
            foreach (var c in truth[id]) t[c] = true;
            return t;
        }).ToArray();
        return new EvalSummary(MetricSuite.MultiLabel(targets, probabilities), table.Ids.Count, scored(table.Ids.Count));
    }

    /// <summary>The rows to score and how to describe them once their number is known.</summary>
    private static (int[] Rows, Func<int, string> Describe) ChooseRows(Dataset dataset, EvalRequest request)
    {
        string of = $"of {request.Data}";
        if (request.Rows == "all") return (Enumerable.Range(0, dataset.Count).ToArray(), n => $"all {n} rows {of}");
        var chosen = request.Rows == "test" ? dataset.IndicesOfSplit("test") : RunSplits.ValidationNames.SelectMany(dataset.IndicesOfSplit).Order().ToArray();
        if (chosen.Length > 0) return (chosen, n => $"{n} {request.Rows} rows {of} (--rows all scores every row)");
        if (request.RowsGiven || dataset.Items.Any(i => i.Split is not null))
            throw new ConfigException($"{request.Data} has no {request.Rows} rows (no row's split is {(request.Rows == "test" ? "test" : "val, valid or validation")}); pass --rows all to score every row");
        return (Enumerable.Range(0, dataset.Count).ToArray(), n => $"all {n} rows {of} (it has no split column, so no test rows to pick)");
    }

    private static Dictionary<string, int[]> LabelsFromData(string data, Dataset dataset)
    {
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
