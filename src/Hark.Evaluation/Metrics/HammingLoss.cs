namespace Hark.Evaluation.Metrics;

/// <summary>The fraction of wrong labels, as scikit-learn's hamming_loss (single-label: the error rate).</summary>
public static class HammingLoss
{
    public static double Score(bool[][] targets, bool[][] predictions)
    {
        int classes = MetricChecks.SameShape(nameof(HammingLoss), targets, predictions, "predictions");
        long wrong = 0;
        for (int i = 0; i < targets.Length; i++)
            for (int c = 0; c < classes; c++)
                if (targets[i][c] != predictions[i][c]) wrong++;
        return (double)wrong / ((long)targets.Length * classes);
    }

    public static double Score(int[] yTrue, int[] yPred) => 1 - Accuracy.Score(yTrue, yPred);
}
