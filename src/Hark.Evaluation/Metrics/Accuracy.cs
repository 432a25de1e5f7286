namespace Hark.Evaluation.Metrics;

/// <summary>Accuracy (scikit-learn's accuracy_score and top_k_accuracy_score).</summary>
public static class Accuracy
{
    /// <summary>Fraction of samples whose prediction equals the label.</summary>
    public static double Score(int[] yTrue, int[] yPred)
    {
        MetricChecks.Labels(nameof(Accuracy), yTrue, yPred);
        int correct = 0;
        for (int i = 0; i < yTrue.Length; i++) if (yTrue[i] == yPred[i]) correct++;
        return (double)correct / yTrue.Length;
    }

    /// <summary>Multi-label subset accuracy: fraction of samples whose predicted label set equals the true set exactly.</summary>
    public static double Subset(bool[][] targets, bool[][] predictions)
    {
        MetricChecks.SameShape(nameof(Accuracy), targets, predictions, "predictions");
        int exact = 0;
        for (int i = 0; i < targets.Length; i++) if (targets[i].AsSpan().SequenceEqual(predictions[i])) exact++;
        return (double)exact / targets.Length;
    }

    /// <summary>
    /// Fraction of samples whose label is among the <paramref name="k"/> highest scores. Ties are ordered as
    /// scikit-learn's stable sort leaves them: among equal scores the higher class index ranks first.
    /// </summary>
    public static double TopK(int[] yTrue, float[][] scores, int k)
    {
        int classes = MetricChecks.Rows(nameof(Accuracy), scores, "scores");
        MetricChecks.SameLength(nameof(Accuracy), yTrue.Length, scores.Length, "score rows");
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "Accuracy.TopK: expected k >= 1");
        int hits = 0;
        for (int i = 0; i < yTrue.Length; i++)
        {
            int label = yTrue[i];
            if ((uint)label >= (uint)classes) throw new ArgumentException($"Accuracy.TopK: label of sample {i} is {label}; expected 0..{classes - 1}");
            float own = scores[i][label];
            int ahead = 0;
            for (int c = 0; c < classes; c++)
                if (scores[i][c] > own || (scores[i][c] == own && c > label)) ahead++;
            if (ahead < k) hits++;
        }
        return (double)hits / yTrue.Length;
    }
}
