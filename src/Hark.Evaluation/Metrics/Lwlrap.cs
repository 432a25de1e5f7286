namespace Hark.Evaluation.Metrics;

/// <summary>
/// Label-weighted label-ranking average precision, the FSDKaggle2019 (Freesound Audio Tagging 2019) metric: every
/// (sample, true label) pair counts once, scored by the fraction of labels ranked at or above it that are true. It
/// equals <see cref="LabelRankingAveragePrecision"/> with each sample weighted by its number of true labels, and the
/// class-weighted sum of <see cref="PerClass"/>. Ties are ranked as scikit-learn ranks them (pessimistically).
/// </summary>
public static class Lwlrap
{
    public static double Score(bool[][] targets, float[][] scores)
    {
        var (perClass, weights) = PerClass(targets, scores);
        double sum = 0;
        for (int c = 0; c < perClass.Length; c++) sum += perClass[c] * weights[c];
        return sum;
    }

    /// <summary>Per class: the mean precision over its positives (0 when it has none), and its share of all positives.</summary>
    public static (double[] PerClass, double[] Weights) PerClass(bool[][] targets, float[][] scores)
    {
        int classes = MetricChecks.SameShape(nameof(Lwlrap), targets, scores, "scores");
        var sums = new double[classes];
        var counts = new long[classes];
        for (int i = 0; i < targets.Length; i++)
            for (int c = 0; c < classes; c++)
            {
                if (!targets[i][c]) continue;
                sums[c] += LabelRankingAveragePrecision.PrecisionAt(targets[i], scores[i], c);
                counts[c]++;
            }
        long total = counts.Sum();
        if (total == 0) throw new ArgumentException("Lwlrap: the targets hold no positive label; the metric is not defined");
        var perClass = new double[classes];
        var weights = new double[classes];
        for (int c = 0; c < classes; c++)
        {
            perClass[c] = counts[c] == 0 ? 0 : sums[c] / counts[c];
            weights[c] = (double)counts[c] / total;
        }
        return (perClass, weights);
    }
}
