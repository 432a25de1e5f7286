namespace Hark.Evaluation.Metrics;

/// <summary>
/// Applies a binary score to multi-label data with an <see cref="Average"/>, as scikit-learn's _average_binary_score:
/// per column (macro, weighted by positives), on all pairs flattened (micro), or per row (samples).
/// </summary>
internal static class BinaryAverage
{
    public delegate double BinaryScore(ReadOnlySpan<bool> truth, ReadOnlySpan<float> scores);

    public static double[] PerColumn(bool[][] targets, float[][] scores, BinaryScore score)
    {
        int classes = targets[0].Length;
        var truth = new bool[targets.Length];
        var column = new float[targets.Length];
        var result = new double[classes];
        for (int c = 0; c < classes; c++)
        {
            for (int i = 0; i < targets.Length; i++)
            {
                truth[i] = targets[i][c];
                column[i] = scores[i][c];
            }
            result[c] = score(truth, column);
        }
        return result;
    }

    public static double Apply(string metric, bool[][] targets, float[][] scores, Average average, BinaryScore score)
    {
        int classes = MetricChecks.SameShape(metric, targets, scores, "scores");
        switch (average)
        {
            case Average.Micro:
                return score(targets.SelectMany(r => r).ToArray(), scores.SelectMany(r => r).ToArray());
            case Average.Samples:
                return Mean(metric, "sample", targets.Select((row, i) => score(row, scores[i])).ToArray(), null);
            case Average.Weighted:
                var positives = new double[classes];
                foreach (var row in targets) for (int c = 0; c < classes; c++) if (row[c]) positives[c]++;
                if (positives.Sum() == 0) return 0;
                return Mean(metric, "class", PerColumn(targets, scores, score), positives);
            default:
                return Mean(metric, "class", PerColumn(targets, scores, score), null);
        }
    }

    // np.average, but an undefined (NaN) score is an error naming the column or row, even where its weight is 0,
    // as scikit-learn raises before it weights.
    private static double Mean(string metric, string what, double[] values, double[]? weights)
    {
        for (int k = 0; k < values.Length; k++)
            if (double.IsNaN(values[k]))
                throw new ArgumentException($"{metric}: not defined for {what} {k}, whose targets hold only one class (all positive or all negative); use PerClass to see the others");
        return weights is null ? NumpyReduction.Mean(values) : NumpyReduction.WeightedMean(values, weights);
    }
}
