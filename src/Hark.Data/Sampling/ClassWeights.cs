namespace Hark.Data.Sampling;

/// <summary>
/// Per-class loss weights from training counts (the <c>weight</c> argument of cross-entropy). Both schemes are scaled
/// so that the count-weighted mean weight is 1, i.e. sum_c w_c n_c = n, like scikit-learn's
/// compute_class_weight("balanced"). A class with no training samples gets weight 0: it never appears as a target.
/// </summary>
public static class ClassWeights
{
    /// <summary>w_c = n / (classes_present * n_c): scikit-learn's "balanced".</summary>
    public static float[] InverseFrequency(int[] counts) => Scaled(counts, n => 1.0 / n);

    /// <summary>w_c proportional to 1 / sqrt(n_c), the milder scheme common for long-tailed tagging.</summary>
    public static float[] InverseSqrt(int[] counts) => Scaled(counts, n => 1.0 / Math.Sqrt(n));

    private static float[] Scaled(int[] counts, Func<double, double> raw)
    {
        if (counts.Any(c => c < 0)) throw new ArgumentException($"ClassWeights: counts must be >= 0, got [{string.Join(", ", counts)}]");
        long total = counts.Sum(c => (long)c);
        if (total == 0) throw new ArgumentException("ClassWeights: every class count is 0; expected training samples");
        var weights = counts.Select(c => c > 0 ? raw(c) : 0).ToArray();
        double weightedSum = counts.Select((c, k) => c * weights[k]).Sum();
        return weights.Select(w => (float)(w * total / weightedSum)).ToArray();
    }
}
