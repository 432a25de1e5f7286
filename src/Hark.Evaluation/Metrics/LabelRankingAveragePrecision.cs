namespace Hark.Evaluation.Metrics;

/// <summary>
/// Label ranking average precision, as scikit-learn's label_ranking_average_precision_score: for each true label of a
/// sample, the fraction of the labels ranked at or above it that are true, averaged per sample, then over samples.
/// A label's rank counts every label scored greater or equal (ties are pessimistic). A sample whose labels are all true
/// or all false scores 1.
/// </summary>
public static class LabelRankingAveragePrecision
{
    public static double Score(bool[][] targets, float[][] scores, double[]? sampleWeight = null)
    {
        const string name = nameof(LabelRankingAveragePrecision);
        MetricChecks.SameShape(name, targets, scores, "scores");
        if (sampleWeight is not null) MetricChecks.SameLength(name, targets.Length, sampleWeight.Length, "sample weights");
        double total = 0, weights = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            double w = sampleWeight?[i] ?? 1;
            total += w * SampleScore(targets[i], scores[i]);
            weights += w;
        }
        if (weights == 0) throw new ArgumentException($"{name}: the sample weights sum to 0");
        return total / weights;
    }

    /// <summary>The mean precision over one sample's true labels (1 when all or none are true).</summary>
    internal static double SampleScore(bool[] truth, float[] scores)
    {
        int positives = truth.Count(t => t);
        if (positives == 0 || positives == truth.Length) return 1;
        double sum = 0;
        for (int c = 0; c < truth.Length; c++)
            if (truth[c]) sum += PrecisionAt(truth, scores, c);
        return sum / positives;
    }

    /// <summary>Among the labels scored at least as high as label <paramref name="c"/>, the fraction that are true.</summary>
    internal static double PrecisionAt(bool[] truth, float[] scores, int c)
    {
        float own = scores[c];
        int rank = 0, hits = 0;
        for (int k = 0; k < scores.Length; k++)
        {
            if (scores[k] < own) continue;
            rank++;
            if (truth[k]) hits++;
        }
        return (double)hits / rank;
    }
}
