namespace Hark.Evaluation.Metrics;

/// <summary>How a confusion matrix is normalised (scikit-learn's <c>normalize</c> argument).</summary>
public enum ConfusionNormalization
{
    /// <summary>Over each row: every true class sums to 1 (recall on the diagonal).</summary>
    True,

    /// <summary>Over each column: every predicted class sums to 1 (precision on the diagonal).</summary>
    Pred,

    /// <summary>Over the whole matrix.</summary>
    All,
}

/// <summary>The confusion matrix: rows are true classes, columns predicted classes (scikit-learn's layout).</summary>
public static class ConfusionMatrix
{
    public static long[,] Compute(int[] yTrue, int[] yPred, int classes)
    {
        int seen = MetricChecks.Labels(nameof(ConfusionMatrix), yTrue, yPred);
        if (seen > classes) throw new ArgumentException($"ConfusionMatrix: found class index {seen - 1}; expected 0..{classes - 1}");
        var matrix = new long[classes, classes];
        for (int i = 0; i < yTrue.Length; i++) matrix[yTrue[i], yPred[i]]++;
        return matrix;
    }

    /// <summary>Normalised copy; rows or columns that sum to 0 stay 0 (as scikit-learn leaves them).</summary>
    public static double[,] Normalize(long[,] matrix, ConfusionNormalization normalization)
    {
        int rows = matrix.GetLength(0), cols = matrix.GetLength(1);
        var result = new double[rows, cols];
        double total = 0;
        foreach (long v in matrix) total += v;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                double denominator = normalization switch
                {
                    ConfusionNormalization.True => RowSum(matrix, r),
                    ConfusionNormalization.Pred => ColumnSum(matrix, c),
                    _ => total,
                };
                result[r, c] = denominator == 0 ? 0 : matrix[r, c] / denominator;
            }
        return result;
    }

    private static double RowSum(long[,] m, int r)
    {
        double sum = 0;
        for (int c = 0; c < m.GetLength(1); c++) sum += m[r, c];
        return sum;
    }

    private static double ColumnSum(long[,] m, int c)
    {
        double sum = 0;
        for (int r = 0; r < m.GetLength(0); r++) sum += m[r, c];
        return sum;
    }
}
