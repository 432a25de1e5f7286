namespace Hark.Evaluation.Metrics;

/// <summary>
/// Precision, recall and F-beta per class and averaged, as scikit-learn 1.2's precision_recall_fscore_support.
/// <para>Which classes: single-label defaults to the classes present in the labels or the predictions (sorted), so a
/// class absent from both does not drag the macro average down; pass <c>labels</c> to choose (e.g. every class).
/// Multi-label always uses every column.</para>
/// <para><c>zeroDivision</c> is the value of a precision (no predictions) or recall (no true samples) that would divide
/// by zero: 0 like scikit-learn's default "warn", or 1. The F-score is computed from those precision and recall values
/// and is 0 when both are 0.</para>
/// </summary>
public static class PrecisionRecallFScore
{
    private const string Name = nameof(PrecisionRecallFScore);

    public static ClassScores PerClass(int[] yTrue, int[] yPred, int[]? labels = null, double zeroDivision = 0, double beta = 1)
    {
        var counts = CountsPerLabel(yTrue, yPred, ref labels);
        return ScoresOf(labels!, counts, zeroDivision, beta);
    }

    public static AveragedScores Averaged(int[] yTrue, int[] yPred, Average average, int[]? labels = null, double zeroDivision = 0, double beta = 1)
    {
        if (average == Average.Samples) throw new ArgumentException($"{Name}: Average.Samples is for multi-label targets; single-label data takes Macro, Micro or Weighted");
        var counts = CountsPerLabel(yTrue, yPred, ref labels);
        return Combine(counts, average, zeroDivision, beta);
    }

    public static double F1(int[] yTrue, int[] yPred, Average average = Average.Macro, int[]? labels = null, double zeroDivision = 0) =>
        Averaged(yTrue, yPred, average, labels, zeroDivision).FScore;

    public static ClassScores PerClass(bool[][] targets, bool[][] predictions, double zeroDivision = 0, double beta = 1)
    {
        var counts = CountsPerColumn(targets, predictions);
        return ScoresOf(Enumerable.Range(0, counts.Tp.Length).ToArray(), counts, zeroDivision, beta);
    }

    public static AveragedScores Averaged(bool[][] targets, bool[][] predictions, Average average, double zeroDivision = 0, double beta = 1)
    {
        if (average != Average.Samples) return Combine(CountsPerColumn(targets, predictions), average, zeroDivision, beta);
        var p = new double[targets.Length];
        var r = new double[targets.Length];
        var f = new double[targets.Length];
        for (int i = 0; i < targets.Length; i++)
        {
            long tp = 0, pred = 0, truth = 0;
            for (int c = 0; c < targets[i].Length; c++)
            {
                if (targets[i][c] && predictions[i][c]) tp++;
                if (predictions[i][c]) pred++;
                if (targets[i][c]) truth++;
            }
            p[i] = Divide(tp, pred, zeroDivision);
            r[i] = Divide(tp, truth, zeroDivision);
            f[i] = FBeta(p[i], r[i], beta);
        }
        return new AveragedScores(NumpyReduction.Mean(p), NumpyReduction.Mean(r), NumpyReduction.Mean(f));
    }

    public static double F1(bool[][] targets, bool[][] predictions, Average average = Average.Macro, double zeroDivision = 0) =>
        Averaged(targets, predictions, average, zeroDivision).FScore;

    private readonly record struct Counts(long[] Tp, long[] Pred, long[] True);

    private static Counts CountsPerLabel(int[] yTrue, int[] yPred, ref int[]? labels)
    {
        int seen = MetricChecks.Labels(Name, yTrue, yPred);
        labels ??= yTrue.Concat(yPred).Distinct().Order().ToArray();
        if (labels.Length == 0 || labels.Min() < 0)
            throw new ArgumentException($"{Name}: expected one or more class indices >= 0 in labels, got [{string.Join(", ", labels)}]");
        int size = Math.Max(seen, labels.Max() + 1);
        var tp = new long[size];
        var pred = new long[size];
        var truth = new long[size];
        for (int i = 0; i < yTrue.Length; i++)
        {
            if (yTrue[i] == yPred[i]) tp[yTrue[i]]++;
            pred[yPred[i]]++;
            truth[yTrue[i]]++;
        }
        var chosen = labels;
        return new Counts(chosen.Select(l => tp[l]).ToArray(), chosen.Select(l => pred[l]).ToArray(), chosen.Select(l => truth[l]).ToArray());
    }

    private static Counts CountsPerColumn(bool[][] targets, bool[][] predictions)
    {
        int classes = MetricChecks.SameShape(Name, targets, predictions, "predictions");
        var tp = new long[classes];
        var pred = new long[classes];
        var truth = new long[classes];
        for (int i = 0; i < targets.Length; i++)
            for (int c = 0; c < classes; c++)
            {
                if (targets[i][c] && predictions[i][c]) tp[c]++;
                if (predictions[i][c]) pred[c]++;
                if (targets[i][c]) truth[c]++;
            }
        return new Counts(tp, pred, truth);
    }

    private static ClassScores ScoresOf(int[] labels, Counts counts, double zeroDivision, double beta)
    {
        int n = labels.Length;
        var p = new double[n];
        var r = new double[n];
        var f = new double[n];
        for (int k = 0; k < n; k++)
        {
            p[k] = Divide(counts.Tp[k], counts.Pred[k], zeroDivision);
            r[k] = Divide(counts.Tp[k], counts.True[k], zeroDivision);
            f[k] = FBeta(p[k], r[k], beta);
        }
        return new ClassScores(labels, p, r, f, counts.True);
    }

    private static AveragedScores Combine(Counts counts, Average average, double zeroDivision, double beta)
    {
        if (average == Average.Micro)
        {
            double p = Divide(counts.Tp.Sum(), counts.Pred.Sum(), zeroDivision);
            double r = Divide(counts.Tp.Sum(), counts.True.Sum(), zeroDivision);
            return new AveragedScores(p, r, FBeta(p, r, beta));
        }
        var scores = ScoresOf(new int[counts.Tp.Length], counts, zeroDivision, beta);
        if (average == Average.Macro)
            return new AveragedScores(NumpyReduction.Mean(scores.Precision), NumpyReduction.Mean(scores.Recall), NumpyReduction.Mean(scores.FScore));

        long totalTrue = counts.True.Sum();
        if (totalTrue == 0)
        {
            // scikit-learn: with no true samples at all, precision is zero_division only if nothing was predicted either.
            return counts.Pred.Sum() == 0
                ? new AveragedScores(zeroDivision, zeroDivision, zeroDivision)
                : new AveragedScores(0, zeroDivision, 0);
        }
        var support = counts.True.Select(t => (double)t).ToArray();
        return new AveragedScores(
            NumpyReduction.WeightedMean(scores.Precision, support),
            NumpyReduction.WeightedMean(scores.Recall, support),
            NumpyReduction.WeightedMean(scores.FScore, support));
    }

    private static double Divide(long numerator, long denominator, double zeroDivision) =>
        denominator == 0 ? zeroDivision : (double)numerator / denominator;

    private static double FBeta(double precision, double recall, double beta)
    {
        double beta2 = beta * beta;
        double denominator = beta2 * precision + recall;
        return denominator == 0 ? 0 : (1 + beta2) * precision * recall / denominator;
    }
}
