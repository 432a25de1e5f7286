using System.Globalization;
using System.Text;
using Hark.Data;
using Hark.Data.Csv;
using Hark.Data.Sources;
using Hark.Features.Extraction;
using Hark.Inference;
using Hark.Training.Runs;

namespace Hark.Workflows;

/// <summary>`hark relabel RUN --data NOISY.csv --out RELABELED.csv`: the teacher run, the noisy labels and the two thresholds.</summary>
public sealed record RelabelRequest(string Run, string Data, string Out, double Keep = 0.5, double Add = 0.9, string CacheDir = FeatureCacheLocation.Auto);

/// <summary>What relabelling did: rows whose labels stood as given (weight 1), rows changed (labels dropped or added), rows kept as given with a lower weight.</summary>
public sealed record RelabelSummary(int Rows, int Confirmed, int Changed, int DownWeighted, int LabelsDropped, int LabelsAdded);

/// <summary>
/// Cleans noisy labels with a teacher run (pipeline C's noisy set): the teacher predicts every row of the CSV, then
/// <list type="bullet">
/// <item>a given label is kept when the teacher's probability of it is at least <see cref="RelabelRequest.Keep"/>;</item>
/// <item>a class the row does not have is added (multi-label) or replaces the label (single-label) when the teacher's
/// probability of it is at least <see cref="RelabelRequest.Add"/> (single-label: the teacher's top class, only when the
/// given label was not kept);</item>
/// <item>the row's weight is the lowest among its labels' of 1 for a kept label and the probability of an added one;
/// a row left with no label keeps its given labels, weighted by their highest probability.</item>
/// </list>
/// The output is the input CSV with the label column rewritten, paths relative to the output's folder, and a
/// <c>weight</c> column (replaced or appended), so
/// `hark train --data RELABELED.csv` trains on it with the weights.
/// </summary>
public static class RelabelWorkflow
{
    public static RelabelSummary Run(RelabelRequest request, Action<string> report)
    {
        if (request.Keep is < 0 or > 1 || request.Add is < 0 or > 1)
            throw new ConfigException($"hark relabel: --keep ({request.Keep}) and --add ({request.Add}) are probabilities in [0, 1]");
        var teacher = Predictor.Load(request.Run);
        var table = CsvReader.ReadFile(request.Data);
        var dataset = DataSource.Open(request.Data, new DataSourceOptions { Labels = LabelSpace.FromNames(teacher.Classes.Names) });
        if (!dataset.HasLabels) throw new ConfigException($"{request.Data}: relabelling needs labelled rows (a label or labels column)");
        if ((dataset.Kind == LabelKind.MultiLabel) != teacher.MultiLabel)
            throw new ConfigException($"{request.Data} is {dataset.Kind} data, but {teacher.Run.Path} was trained on {(teacher.MultiLabel ? "multi-label" : "single-label")} data");
        var builder = new ExampleBuilder(teacher.FrontEndConfig, teacher.Config.ImageSize, report, FeatureCacheLocation.Resolve(request.CacheDir));
        var probabilities = teacher.Predict(builder.Build(dataset.Items, dataset, ProblemPolicy.Fail));

        int labelColumn = dataset.Kind == LabelKind.MultiLabel ? table.RequireColumn(MultiLabelCsvSource.LabelsColumns) : table.RequireColumn(LabelCsvSource.LabelColumns);
        int weightColumn = table.ColumnIndex("weight"), pathColumn = table.RequireColumn(LabelCsvSource.PathColumns);
        var outFolder = Path.GetDirectoryName(Path.GetFullPath(request.Out))!;
        var header = weightColumn >= 0 ? table.Header : [.. table.Header, "weight"];
        var csv = new StringBuilder(string.Join(",", header.Select(CsvField.Escape))).Append('\n');
        int confirmed = 0, changed = 0, downWeighted = 0, dropped = 0, added = 0;
        for (int i = 0; i < dataset.Count; i++)
        {
            var given = dataset.Items[i].Labels;
            var p = probabilities[i];
            var (labels, weight) = Decide(given, p, dataset.Kind == LabelKind.MultiLabel, request.Keep, request.Add);
            if (weight == 1 && labels.SequenceEqual(given)) confirmed++;
            else if (labels.SequenceEqual(given)) downWeighted++;
            else changed++;
            dropped += given.Except(labels).Count();
            added += labels.Except(given).Count();
            var fields = table.Rows[i].Fields.ToList();
            fields[pathColumn] = Path.GetRelativePath(outFolder, dataset.Items[i].Path).Replace('\\', '/');
            fields[labelColumn] = string.Join(",", labels.Select(c => teacher.Classes[c]));
            var weightText = weight.ToString("G6", CultureInfo.InvariantCulture);
            if (weightColumn >= 0) fields[weightColumn] = weightText;
            else fields.Add(weightText);
            csv.Append(string.Join(",", fields.Select(CsvField.Escape))).Append('\n');
        }
        AtomicFile.WriteAllText(request.Out, csv.ToString());
        return new RelabelSummary(dataset.Count, confirmed, changed, downWeighted, dropped, added);
    }

    // the row's new labels (sorted class indices) and weight, by the rules above
    private static (int[] Labels, float Weight) Decide(int[] given, float[] p, bool multiLabel, double keep, double add)
    {
        var kept = given.Where(c => p[c] >= keep).ToList();
        var extra = multiLabel
            ? Enumerable.Range(0, p.Length).Where(c => !given.Contains(c) && p[c] >= add).ToList()
            : kept.Count == 0 && Hark.Evaluation.MetricSuite.ArgMax(p) is var top && p[top] >= add ? [top] : [];
        var labels = kept.Concat(extra).Distinct().Order().ToArray();
        if (labels.Length == 0) return (given, given.Max(c => p[c]));
        return (labels, labels.Min(c => kept.Contains(c) ? 1f : p[c]));
    }
}
