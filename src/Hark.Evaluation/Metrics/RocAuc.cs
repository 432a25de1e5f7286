namespace Hark.Evaluation.Metrics;

/// <summary>
/// Area under the ROC curve as scikit-learn's roc_auc_score (ties count one half). A class (or, for
/// <see cref="Average.Samples"/>, a sample) whose targets hold only one value has no ROC curve: the averages throw,
/// as scikit-learn does, and <see cref="PerClass"/> gives NaN for it.
/// </summary>
public static class RocAuc
{
    public static double Binary(bool[] truth, float[] scores)
    {
        MetricChecks.SameLength(nameof(RocAuc), truth.Length, scores.Length, "scores");
        double auc = BinaryRanking.RocAuc(truth, scores);
        if (double.IsNaN(auc)) throw new ArgumentException("RocAuc: only one class present in the targets; ROC AUC is not defined");
        return auc;
    }

    public static double[] PerClass(bool[][] targets, float[][] scores)
    {
        MetricChecks.SameShape(nameof(RocAuc), targets, scores, "scores");
        return BinaryAverage.PerColumn(targets, scores, BinaryRanking.RocAuc);
    }

    public static double Score(bool[][] targets, float[][] scores, Average average = Average.Macro) =>
        BinaryAverage.Apply(nameof(RocAuc), targets, scores, average, BinaryRanking.RocAuc);

    /// <summary>Single-label one-vs-rest (scikit-learn's multi_class="ovr" on probabilities): the labels become one-hot rows.</summary>
    public static double Score(int[] labels, float[][] scores, Average average = Average.Macro)
    {
        int classes = MetricChecks.Rows(nameof(RocAuc), scores, "scores");
        MetricChecks.SameLength(nameof(RocAuc), labels.Length, scores.Length, "score rows");
        return Score(ScoreRows.OneHot(labels, classes), scores, average);
    }
}
