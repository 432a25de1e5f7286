using Hark.Audio;
using System.Globalization;
using System.Text;
using Hark.Data.Csv;
using Hark.Evaluation;
using Hark.Training.Runs;

namespace Hark.Workflows;

/// <summary>
/// Writes predictions as CSV in input order. Single-label: <c>id,target</c> (the predicted class name) followed,
/// when asked, by one probability column per class. Multi-label: <c>id</c> and one probability column per class in
/// the class order (a sample submission's order when the run was trained with one).
/// </summary>
public static class PredictionFiles
{
    public static void Write(string path, IReadOnlyList<string> ids, float[][] probabilities, IReadOnlyList<string> classes, bool multiLabel,
        bool withProbabilities = true, string idColumn = "id", string targetColumn = "target")
    {
        for (int i = 0; i < ids.Count; i++)
            if (DecodedAudioChecks.IndexOfNonFinite(probabilities[i]) is >= 0 and var c)
                throw new InvalidDataException($"{ids[i]}: the model's probability of class '{classes[c]}' is {probabilities[i][c]}; nothing was written to {path}");
        var csv = new StringBuilder(idColumn);
        if (!multiLabel) csv.Append(',').Append(targetColumn);
        if (multiLabel || withProbabilities) foreach (var c in classes) csv.Append(',').Append(CsvField.Escape(c));
        csv.Append('\n');
        for (int i = 0; i < ids.Count; i++)
        {
            csv.Append(CsvField.Escape(ids[i]));
            if (!multiLabel) csv.Append(',').Append(CsvField.Escape(classes[MetricSuite.ArgMax(probabilities[i])]));
            if (multiLabel || withProbabilities)
                foreach (var p in probabilities[i]) csv.Append(',').Append(p.ToString("G6", CultureInfo.InvariantCulture));
            csv.Append('\n');
        }
        AtomicFile.WriteAllText(path, csv.ToString());
    }
}
