namespace Hark.Evaluation.Metrics;

/// <summary>
/// Jaccard index |true AND predicted| / |true OR predicted| for multi-label predictions, as scikit-learn's jaccard_score:
/// per sample then averaged (Samples), per class (Macro, Weighted by support) or pooled (Micro). An empty union
/// scores <c>zeroDivision</c> (0 like scikit-learn's default).
/// </summary>
public static class Jaccard
{
    public static double Score(bool[][] targets, bool[][] predictions, Average average = Average.Samples, double zeroDivision = 0)
    {
        int classes = MetricChecks.SameShape(nameof(Jaccard), targets, predictions, "predictions");
        if (average == Average.Samples)
        {
            var perSample = new double[targets.Length];
            for (int i = 0; i < targets.Length; i++)
            {
                long intersection = 0, union = 0;
                for (int c = 0; c < classes; c++)
                {
                    if (targets[i][c] && predictions[i][c]) intersection++;
                    if (targets[i][c] || predictions[i][c]) union++;
                }
                perSample[i] = union == 0 ? zeroDivision : (double)intersection / union;
            }
            return NumpyReduction.Mean(perSample);
        }
        var perClass = PerClass(targets, predictions, zeroDivision, out var intersections, out var unions, out var support);
        switch (average)
        {
            case Average.Micro:
                long u = unions.Sum();
                return u == 0 ? zeroDivision : (double)intersections.Sum() / u;
            case Average.Weighted:
                if (support.Sum() == 0) return NumpyReduction.Mean(perClass);
                return NumpyReduction.WeightedMean(perClass, support.Select(s => (double)s).ToArray());
            default:
                return NumpyReduction.Mean(perClass);
        }
    }

    public static double[] PerClass(bool[][] targets, bool[][] predictions, double zeroDivision = 0)
    {
        MetricChecks.SameShape(nameof(Jaccard), targets, predictions, "predictions");
        return PerClass(targets, predictions, zeroDivision, out _, out _, out _);
    }

    private static double[] PerClass(bool[][] targets, bool[][] predictions, double zeroDivision, out long[] intersections, out long[] unions, out long[] support)
    {
        int classes = targets[0].Length;
        intersections = new long[classes];
        unions = new long[classes];
        support = new long[classes];
        for (int i = 0; i < targets.Length; i++)
            for (int c = 0; c < classes; c++)
            {
                if (targets[i][c] && predictions[i][c]) intersections[c]++;
                if (targets[i][c] || predictions[i][c]) unions[c]++;
                if (targets[i][c]) support[c]++;
            }
        var result = new double[classes];
        for (int c = 0; c < classes; c++) result[c] = unions[c] == 0 ? zeroDivision : (double)intersections[c] / unions[c];
        return result;
    }
}
