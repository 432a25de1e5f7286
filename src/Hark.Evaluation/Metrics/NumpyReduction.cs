namespace Hark.Evaluation.Metrics;

/// <summary>
/// Sums and means in numpy's order (pairwise summation with 8 accumulators in blocks of up to 128), so averages equal
/// scikit-learn's bit for bit and a printed report rounds the same way (0.585 summed in another order can print 0.58
/// where scikit-learn prints 0.59).
/// </summary>
public static class NumpyReduction
{
    private const int BlockSize = 128;

    public static double Sum(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        if (n < 8)
        {
            double result = 0;
            foreach (double v in values) result += v;
            return result;
        }
        if (n <= BlockSize)
        {
            Span<double> r = stackalloc double[8];
            values[..8].CopyTo(r);
            int i = 8;
            for (; i < n - n % 8; i += 8)
                for (int j = 0; j < 8; j++) r[j] += values[i + j];
            double result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) result += values[i];
            return result;
        }
        int half = n / 2;
        half -= half % 8;
        return Sum(values[..half]) + Sum(values[half..]);
    }

    /// <summary>np.mean.</summary>
    public static double Mean(ReadOnlySpan<double> values) => Sum(values) / values.Length;

    /// <summary>np.average(values, weights=weights): sum(values * weights) / sum(weights).</summary>
    public static double WeightedMean(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        var products = new double[values.Length];
        for (int i = 0; i < values.Length; i++) products[i] = values[i] * weights[i];
        return Sum(products) / Sum(weights);
    }
}
