namespace Hark.Evaluation.Metrics;

/// <summary>Argument checks shared by the metrics; messages name the metric and the sizes expected vs got.</summary>
internal static class MetricChecks
{
    public static void SameLength(string metric, int expected, int got, string what)
    {
        if (expected != got) throw new ArgumentException($"{metric}: expected {expected} {what} (one per sample), got {got}");
    }

    public static void NotEmpty(string metric, int samples)
    {
        if (samples == 0) throw new ArgumentException($"{metric}: expected at least one sample, got none");
    }

    /// <summary>Checks both label arrays and returns 1 + the largest label seen.</summary>
    public static int Labels(string metric, int[] yTrue, int[] yPred)
    {
        SameLength(metric, yTrue.Length, yPred.Length, "predictions");
        NotEmpty(metric, yTrue.Length);
        int max = -1;
        for (int i = 0; i < yTrue.Length; i++)
        {
            if (yTrue[i] < 0 || yPred[i] < 0)
                throw new ArgumentException($"{metric}: sample {i} has label {yTrue[i]} and prediction {yPred[i]}; expected class indices >= 0");
            max = Math.Max(max, Math.Max(yTrue[i], yPred[i]));
        }
        return max + 1;
    }

    /// <summary>Checks a [samples][classes] matrix is rectangular and returns the class count.</summary>
    public static int Rows<T>(string metric, T[][] rows, string what)
    {
        NotEmpty(metric, rows.Length);
        int classes = rows[0].Length;
        if (classes == 0) throw new ArgumentException($"{metric}: {what} has rows with no classes");
        for (int i = 1; i < rows.Length; i++)
            if (rows[i].Length != classes)
                throw new ArgumentException($"{metric}: {what} row {i} has {rows[i].Length} classes, expected {classes} like row 0");
        return classes;
    }

    /// <summary>Checks targets and scores (or predictions) are [samples][classes] of the same shape; returns the class count.</summary>
    public static int SameShape<T, U>(string metric, T[][] targets, U[][] other, string otherName)
    {
        int classes = Rows(metric, targets, "targets");
        Rows(metric, other, otherName);
        if (targets.Length != other.Length || other[0].Length != classes)
            throw new ArgumentException(
                $"{metric}: expected {otherName} shaped like targets [{targets.Length} x {classes}], got [{other.Length} x {other[0].Length}]");
        return classes;
    }
}
