namespace Hark.Evaluation.Metrics;

/// <summary>
/// The two binary ranking scores the multi-label averages are built from. Both group equal scores into one threshold,
/// as scikit-learn's curves do, so ties are neither optimistic nor pessimistic.
/// </summary>
internal static class BinaryRanking
{
    /// <summary>
    /// Average precision as scikit-learn's average_precision_score: the sum over distinct thresholds (high to low) of
    /// (recall step) x precision. With no positives scikit-learn sets recall to 1 everywhere, which makes the score 0.
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<bool> truth, ReadOnlySpan<float> scores)
    {
        int n = truth.Length;
        long positives = 0;
        foreach (bool t in truth) if (t) positives++;
        if (positives == 0) return 0;
        var order = DescendingOrder(scores);
        double ap = 0;
        long tp = 0, seen = 0, previousTp = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            float value = scores[order[start]];
            while (end < n && scores[order[end]] == value)
            {
                if (truth[order[end]]) tp++;
                end++;
            }
            seen += end - start;
            if (tp != previousTp) ap += (double)(tp - previousTp) / positives * ((double)tp / seen);
            previousTp = tp;
            start = end;
        }
        return ap;
    }

    /// <summary>
    /// Area under the ROC curve, as the Mann-Whitney statistic with tied scores counted one half, which is the
    /// trapezoidal area scikit-learn computes. NaN when the truth holds only one class (scikit-learn raises).
    /// </summary>
    public static double RocAuc(ReadOnlySpan<bool> truth, ReadOnlySpan<float> scores)
    {
        int n = truth.Length;
        long positives = 0;
        foreach (bool t in truth) if (t) positives++;
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        var order = DescendingOrder(scores);
        // Walking from the highest score down, each positive beats the negatives below it; a tie group splits evenly.
        double pairs = 0;
        long negativesAbove = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            float value = scores[order[start]];
            long groupPositives = 0, groupNegatives = 0;
            while (end < n && scores[order[end]] == value)
            {
                if (truth[order[end]]) groupPositives++;
                else groupNegatives++;
                end++;
            }
            long negativesBelow = negatives - negativesAbove - groupNegatives;
            pairs += groupPositives * (negativesBelow + 0.5 * groupNegatives);
            negativesAbove += groupNegatives;
            start = end;
        }
        return pairs / ((double)positives * negatives);
    }

    internal static int[] DescendingOrder(ReadOnlySpan<float> scores)
    {
        for (int i = 0; i < scores.Length; i++)
            if (float.IsNaN(scores[i])) throw new ArgumentException($"ranking metric: score {i} is NaN; expected finite scores");
        var keys = scores.ToArray();
        var order = Enumerable.Range(0, keys.Length).ToArray();
        Array.Sort(keys, order, Comparer<float>.Create((a, b) => b.CompareTo(a)));
        return order;
    }
}
