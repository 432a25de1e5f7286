using Hark.Evaluation.Metrics;

namespace Hark.Evaluation;

/// <summary>
/// The scores Hark reports for a set of predictions. Single-label: accuracy, macro precision/recall/F1, micro F1,
/// macro ROC-AUC (one-vs-rest). Multi-label: LWLRAP, mAP, macro/micro ROC-AUC, and at the 0.5 threshold
/// F1 micro/macro/samples, Hamming loss and Jaccard (samples). Keys are the names `metrics.json` uses.
/// </summary>
public static class MetricSuite
{
    public static Dictionary<string, double> SingleLabel(int[] labels, float[][] probabilities)
    {
        var predicted = probabilities.Select(ArgMax).ToArray();
        var macro = PrecisionRecallFScore.Averaged(labels, predicted, Average.Macro);
        var metrics = new Dictionary<string, double>
        {
            ["accuracy"] = Accuracy.Score(labels, predicted),
            ["macro_f1"] = macro.FScore,
            ["macro_precision"] = macro.Precision,
            ["macro_recall"] = macro.Recall,
            ["micro_f1"] = PrecisionRecallFScore.Averaged(labels, predicted, Average.Micro).FScore,
        };
        if (labels.Distinct().Count() == probabilities[0].Length)
            metrics["roc_auc_macro"] = RocAuc.Score(labels, probabilities, Average.Macro);
        return metrics;
    }

    public static Dictionary<string, double> MultiLabel(bool[][] targets, float[][] probabilities, float threshold = 0.5f)
    {
        var predicted = Thresholds.Apply(probabilities, threshold);
        var metrics = new Dictionary<string, double>
        {
            ["lwlrap"] = Lwlrap.Score(targets, probabilities),
            ["map"] = AveragePrecision.Map(targets, probabilities),
            ["f1_micro"] = PrecisionRecallFScore.Averaged(targets, predicted, Average.Micro).FScore,
            ["f1_macro"] = PrecisionRecallFScore.Averaged(targets, predicted, Average.Macro).FScore,
            ["f1_samples"] = PrecisionRecallFScore.Averaged(targets, predicted, Average.Samples).FScore,
            ["hamming_loss"] = HammingLoss.Score(targets, predicted),
            ["jaccard_samples"] = Jaccard.Score(targets, predicted, Average.Samples),
        };
        if (Enumerable.Range(0, targets[0].Length).All(c => targets.Any(t => t[c]) && targets.Any(t => !t[c])))
        {
            metrics["roc_auc_macro"] = RocAuc.Score(targets, probabilities, Average.Macro);
            metrics["roc_auc_micro"] = RocAuc.Score(targets, probabilities, Average.Micro);
        }
        return metrics;
    }

    public static int ArgMax(float[] row)
    {
        int best = 0;
        for (int c = 1; c < row.Length; c++) if (row[c] > row[best]) best = c;
        return best;
    }

    /// <summary>Splits row-major [rows, columns] values into one array per row.</summary>
    public static float[][] Rows(float[] values, int columns)
    {
        var rows = new float[values.Length / columns][];
        for (int i = 0; i < rows.Length; i++) rows[i] = values.AsSpan(i * columns, columns).ToArray();
        return rows;
    }
}
