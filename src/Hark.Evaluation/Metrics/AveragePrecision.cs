namespace Hark.Evaluation.Metrics;

/// <summary>
/// Average precision (area under the precision-recall step curve) as scikit-learn's average_precision_score;
/// mAP is the macro average over classes. A class with no positives scores 0 (scikit-learn's convention), which
/// lowers the macro mean; <see cref="PerClass"/> shows which.
/// </summary>
public static class AveragePrecision
{
    public static double Binary(bool[] truth, float[] scores)
    {
        MetricChecks.SameLength(nameof(AveragePrecision), truth.Length, scores.Length, "scores");
        MetricChecks.NotEmpty(nameof(AveragePrecision), truth.Length);
        return BinaryRanking.AveragePrecision(truth, scores);
    }

    public static double[] PerClass(bool[][] targets, float[][] scores)
    {
        MetricChecks.SameShape(nameof(AveragePrecision), targets, scores, "scores");
        return BinaryAverage.PerColumn(targets, scores, BinaryRanking.AveragePrecision);
    }

    public static double Score(bool[][] targets, float[][] scores, Average average = Average.Macro) =>
        BinaryAverage.Apply(nameof(AveragePrecision), targets, scores, average, BinaryRanking.AveragePrecision);

    /// <summary>Mean average precision: the macro average over classes.</summary>
    public static double Map(bool[][] targets, float[][] scores) => Score(targets, scores, Average.Macro);
}
