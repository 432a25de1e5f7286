using System.Globalization;
using System.Text;

namespace Hark.Evaluation.Metrics;

/// <summary>One line of a <see cref="ClassificationReport"/>: a class, or an average ("macro avg", "accuracy", ...).</summary>
public sealed record ReportRow(string Name, double Precision, double Recall, double F1, long Support);

/// <summary>
/// Per-class precision, recall, F1 and support with the averages, as data and as scikit-learn's
/// classification_report text (same layout and digits). Every class of the label space gets a row, including
/// classes absent from the data. The first average line is "accuracy" for single-label data whose classes all occur
/// in the labels or predictions, "micro avg" otherwise (scikit-learn's rule); multi-label adds "samples avg".
/// </summary>
public sealed class ClassificationReport
{
    private ClassificationReport(IReadOnlyList<ReportRow> classes, IReadOnlyList<ReportRow> averages, bool firstAverageIsAccuracy)
    {
        Classes = classes;
        Averages = averages;
        FirstAverageIsAccuracy = firstAverageIsAccuracy;
    }

    public IReadOnlyList<ReportRow> Classes { get; }

    /// <summary>"accuracy" or "micro avg", "macro avg", "weighted avg" (and "samples avg" for multi-label).</summary>
    public IReadOnlyList<ReportRow> Averages { get; }

    /// <summary>When true the first average is accuracy, printed with only its F1 column (which holds the accuracy).</summary>
    public bool FirstAverageIsAccuracy { get; }

    public ReportRow Average(string name) =>
        Averages.FirstOrDefault(r => r.Name == name)
        ?? throw new KeyNotFoundException($"ClassificationReport: no average '{name}'; have {string.Join(", ", Averages.Select(r => r.Name))}");

    public static ClassificationReport Build(int[] yTrue, int[] yPred, IReadOnlyList<string> classNames, double zeroDivision = 0)
    {
        var labels = Enumerable.Range(0, classNames.Count).ToArray();
        int seen = MetricChecks.Labels(nameof(ClassificationReport), yTrue, yPred);
        if (seen > classNames.Count)
            throw new ArgumentException($"ClassificationReport: found class index {seen - 1} but only {classNames.Count} class names");
        var perClass = PrecisionRecallFScore.PerClass(yTrue, yPred, labels, zeroDivision);
        var present = yTrue.Concat(yPred).Distinct().Count();
        bool accuracy = present == classNames.Count;
        long support = perClass.Support.Sum();
        var averages = new List<ReportRow>();
        foreach (var (average, name) in new[] { (Metrics.Average.Micro, accuracy ? "accuracy" : "micro avg"), (Metrics.Average.Macro, "macro avg"), (Metrics.Average.Weighted, "weighted avg") })
        {
            var s = PrecisionRecallFScore.Averaged(yTrue, yPred, average, labels, zeroDivision);
            averages.Add(new ReportRow(name, s.Precision, s.Recall, s.FScore, support));
        }
        return new ClassificationReport(Rows(classNames, perClass), averages, accuracy);
    }

    public static ClassificationReport Build(bool[][] targets, bool[][] predictions, IReadOnlyList<string> classNames, double zeroDivision = 0)
    {
        var perClass = PrecisionRecallFScore.PerClass(targets, predictions, zeroDivision);
        if (perClass.Labels.Length != classNames.Count)
            throw new ArgumentException($"ClassificationReport: targets have {perClass.Labels.Length} classes but {classNames.Count} class names were given");
        long support = perClass.Support.Sum();
        var averages = new List<ReportRow>();
        foreach (var (average, name) in new[] { (Metrics.Average.Micro, "micro avg"), (Metrics.Average.Macro, "macro avg"), (Metrics.Average.Weighted, "weighted avg"), (Metrics.Average.Samples, "samples avg") })
        {
            var s = PrecisionRecallFScore.Averaged(targets, predictions, average, zeroDivision);
            averages.Add(new ReportRow(name, s.Precision, s.Recall, s.FScore, support));
        }
        return new ClassificationReport(Rows(classNames, perClass), averages, firstAverageIsAccuracy: false);
    }

    private static ReportRow[] Rows(IReadOnlyList<string> names, ClassScores s) =>
        s.Labels.Select((label, k) => new ReportRow(names[label], s.Precision[k], s.Recall[k], s.FScore[k], s.Support[k])).ToArray();

    /// <summary>The report as scikit-learn prints it.</summary>
    public string ToText(int digits = 2)
    {
        int width = Math.Max(Math.Max(Classes.Max(r => r.Name.Length), "weighted avg".Length), digits);
        var text = new StringBuilder();
        text.Append(new string(' ', width)).Append(' ');
        foreach (var header in new[] { "precision", "recall", "f1-score", "support" }) text.Append(' ').Append(header.PadLeft(9));
        text.Append("\n\n");
        foreach (var row in Classes) AppendRow(text, row, width, digits, accuracy: false);
        text.Append('\n');
        for (int k = 0; k < Averages.Count; k++) AppendRow(text, Averages[k], width, digits, accuracy: k == 0 && FirstAverageIsAccuracy);
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, ReportRow row, int width, int digits, bool accuracy)
    {
        text.Append(row.Name.PadLeft(width)).Append(' ');
        if (accuracy) text.Append(' ').Append(new string(' ', 9)).Append(' ').Append(new string(' ', 9));
        else text.Append(' ').Append(PythonFloatFormat.Fixed(row.Precision, digits).PadLeft(9)).Append(' ').Append(PythonFloatFormat.Fixed(row.Recall, digits).PadLeft(9));
        text.Append(' ').Append(PythonFloatFormat.Fixed(row.F1, digits).PadLeft(9));
        text.Append(' ').Append(row.Support.ToString(CultureInfo.InvariantCulture).PadLeft(9)).Append('\n');
    }
}
