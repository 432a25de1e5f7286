using Hark.Audio;
using System.Globalization;
using System.Text;
using Hark.Data;
using Hark.Data.Csv;
using Hark.Evaluation;
using Hark.Training.Runs;

namespace Hark.Workflows;

/// <summary>
/// Writes predictions as CSV in input order: the id column, then <c>target</c> (the true label; several joined by ';')
/// only when the truth is known, then for single-label data <c>predicted</c> (the predicted class name) followed, when
/// asked, by one probability column per class; multi-label data always has one probability column per class in the
/// class order (a sample submission's order when the run was trained with one).
/// </summary>
public static class PredictionFiles
{
    public const string PredictedColumn = "predicted";
    public const string TargetColumn = "target";

    public static void Write(string path, IReadOnlyList<string> ids, float[][] probabilities, IReadOnlyList<string> classes, bool multiLabel,
        bool withProbabilities = true, string idColumn = "id", IReadOnlyList<string>? targets = null)
    {
        for (int i = 0; i < ids.Count; i++)
            if (DecodedAudioChecks.IndexOfNonFinite(probabilities[i]) is >= 0 and var c)
                throw new InvalidDataException($"{ids[i]}: the model's probability of class '{classes[c]}' is {probabilities[i][c]}; nothing was written to {path}");
        var csv = new StringBuilder(idColumn);
        if (targets is not null) csv.Append(',').Append(TargetColumn);
        if (!multiLabel) csv.Append(',').Append(PredictedColumn);
        if (multiLabel || withProbabilities) foreach (var c in classes) csv.Append(',').Append(CsvField.Escape(c));
        csv.Append('\n');
        for (int i = 0; i < ids.Count; i++)
        {
            csv.Append(CsvField.Escape(ids[i]));
            if (targets is not null) csv.Append(',').Append(CsvField.Escape(targets[i]));
            if (!multiLabel) csv.Append(',').Append(CsvField.Escape(classes[MetricSuite.ArgMax(probabilities[i])]));
            if (multiLabel || withProbabilities)
                foreach (var p in probabilities[i]) csv.Append(',').Append(p.ToString("G6", CultureInfo.InvariantCulture));
            csv.Append('\n');
        }
        AtomicFile.WriteAllText(path, csv.ToString());
    }

    /// <summary>The true labels of <paramref name="ids"/> as the target column spells them, or null when the data has none.</summary>
    public static IReadOnlyList<string>? Targets(Dataset dataset, IReadOnlyList<string> ids)
    {
        if (!dataset.HasLabels) return null;
        var byId = dataset.Items.ToDictionary(item => item.Id);
        return ids.Select(id => string.Join(';', byId[id].Labels.Select(c => dataset.Labels.Names[c]))).ToList();
    }
}
