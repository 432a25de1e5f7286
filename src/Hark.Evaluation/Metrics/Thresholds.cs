namespace Hark.Evaluation.Metrics;

/// <summary>Turning multi-label scores (probabilities) into label sets, and choosing per-class thresholds on validation data.</summary>
public static class Thresholds
{
    /// <summary>True where the score is at least <paramref name="threshold"/> (0.5 for sigmoid outputs).</summary>
    public static bool[][] Apply(float[][] scores, float threshold = 0.5f) =>
        scores.Select(row => row.Select(s => s >= threshold).ToArray()).ToArray();

    /// <summary>True where the score is at least that class's threshold.</summary>
    public static bool[][] Apply(float[][] scores, float[] perClass)
    {
        int classes = MetricChecks.Rows(nameof(Thresholds), scores, "scores");
        if (perClass.Length != classes) throw new ArgumentException($"Thresholds: expected {classes} per-class thresholds, got {perClass.Length}");
        return scores.Select(row => row.Select((s, c) => s >= perClass[c]).ToArray()).ToArray();
    }

    /// <summary>Like <see cref="Apply(float[][], float)"/>, but a sample with no label above the threshold keeps its top-scored label.</summary>
    public static bool[][] ApplyAtLeastOne(float[][] scores, float threshold = 0.5f)
    {
        var result = Apply(scores, threshold);
        var top = ScoreRows.ArgMax(scores);
        for (int i = 0; i < result.Length; i++)
            if (!result[i].Contains(true)) result[i][top[i]] = true;
        return result;
    }

    /// <summary>The <paramref name="k"/> highest-scored labels of each sample (lower class index first on ties).</summary>
    public static bool[][] TopK(float[][] scores, int k)
    {
        int classes = MetricChecks.Rows(nameof(Thresholds), scores, "scores");
        if (k < 1 || k > classes) throw new ArgumentOutOfRangeException(nameof(k), k, $"Thresholds.TopK: expected 1 <= k <= {classes}");
        return scores.Select(row =>
        {
            var chosen = new bool[classes];
            foreach (int c in Enumerable.Range(0, classes).OrderByDescending(c => row[c]).ThenBy(c => c).Take(k)) chosen[c] = true;
            return chosen;
        }).ToArray();
    }

    /// <summary>
    /// For each class, the threshold that maximises that class's F1 on the given (validation) data, searched over the
    /// midpoints between consecutive distinct scores; a class without positives keeps <paramref name="fallback"/>.
    /// </summary>
    public static float[] BestF1PerClass(bool[][] targets, float[][] scores, float fallback = 0.5f)
    {
        int classes = MetricChecks.SameShape(nameof(Thresholds), targets, scores, "scores");
        var thresholds = new float[classes];
        for (int c = 0; c < classes; c++)
        {
            var pairs = targets.Select((row, i) => (score: scores[i][c], positive: row[c])).OrderByDescending(p => p.score).ToArray();
            long positives = pairs.Count(p => p.positive);
            if (positives == 0)
            {
                thresholds[c] = fallback;
                continue;
            }
            double bestF1 = -1;
            float best = fallback;
            long tp = 0, predicted = 0;
            for (int k = 0; k < pairs.Length;)
            {
                float value = pairs[k].score;
                for (; k < pairs.Length && pairs[k].score == value; k++)
                {
                    predicted++;
                    if (pairs[k].positive) tp++;
                }
                double f1 = 2.0 * tp / (predicted + positives);
                if (f1 > bestF1)
                {
                    bestF1 = f1;
                    best = k < pairs.Length ? (value + pairs[k].score) / 2 : value;
                }
            }
            thresholds[c] = best;
        }
        return thresholds;
    }
}
