namespace Hark.Evaluation.Metrics;

/// <summary>A curve as parallel x and y coordinates, in threshold order (high to low).</summary>
public sealed record Curve(double[] X, double[] Y);

/// <summary>
/// The ROC and precision-recall curves of binary scores, one point per distinct threshold from the highest score down,
/// as scikit-learn's roc_curve (drop_intermediate=False) and precision_recall_curve compute them: ROC starts at (0, 0),
/// precision-recall at recall 0 with precision 1. The trapezoidal area under the ROC curve is <see cref="RocAuc.Binary"/>
/// and the step sum over the precision-recall curve is <see cref="AveragePrecision.Binary"/>.
/// </summary>
public static class RankingCurves
{
    /// <summary>False-positive rate (x) against true-positive rate (y); null when the truth holds only one class.</summary>
    public static Curve? Roc(ReadOnlySpan<bool> truth, ReadOnlySpan<float> scores)
    {
        var (tp, fp, positives) = Counts(truth, scores);
        long negatives = truth.Length - positives;
        if (positives == 0 || negatives == 0) return null;
        return new Curve([0, .. fp.Select(f => (double)f / negatives)], [0, .. tp.Select(t => (double)t / positives)]);
    }

    /// <summary>Recall (x) against precision (y); null when the truth holds no positive.</summary>
    public static Curve? PrecisionRecall(ReadOnlySpan<bool> truth, ReadOnlySpan<float> scores)
    {
        var (tp, fp, positives) = Counts(truth, scores);
        if (positives == 0) return null;
        return new Curve([0, .. tp.Select(t => (double)t / positives)], [1, .. tp.Select((t, k) => (double)t / (t + fp[k]))]);
    }

    /// <summary>The micro-average: every (example, class) pair of <paramref name="targets"/> and <paramref name="scores"/> as one binary problem.</summary>
    public static (bool[] Truth, float[] Scores) Flatten(bool[][] targets, float[][] scores) =>
        ([.. targets.SelectMany(t => t)], [.. scores.SelectMany(s => s)]);

    /// <summary>Class <paramref name="index"/> of <paramref name="targets"/> and <paramref name="scores"/> as a binary problem.</summary>
    public static (bool[] Truth, float[] Scores) Column(bool[][] targets, float[][] scores, int index) =>
        ([.. targets.Select(t => t[index])], [.. scores.Select(s => s[index])]);

    // Cumulative true and false positives at each distinct threshold, high to low.
    private static (long[] Tp, long[] Fp, long Positives) Counts(ReadOnlySpan<bool> truth, ReadOnlySpan<float> scores)
    {
        if (truth.Length != scores.Length) throw new ArgumentException($"ranking curve: {truth.Length} truths but {scores.Length} scores");
        var order = BinaryRanking.DescendingOrder(scores);
        var tp = new List<long>();
        var fp = new List<long>();
        long truePositives = 0, falsePositives = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            float value = scores[order[start]];
            for (; end < order.Length && scores[order[end]] == value; end++)
                if (truth[order[end]]) truePositives++;
                else falsePositives++;
            tp.Add(truePositives);
            fp.Add(falsePositives);
            start = end;
        }
        return ([.. tp], [.. fp], truePositives);
    }
}
