namespace Hark.Data.Sampling;

/// <summary>
/// BCE-with-logits <c>pos_weight</c> per class from training counts: negatives / positives, the usual practice for
/// multi-label imbalance. A class without positives gets 1 (no evidence to re-weight by); <c>maxWeight</c>, when given,
/// caps very rare classes.
/// </summary>
public static class PosWeight
{
    public static float[] FromCounts(int[] positives, int samples, float? maxWeight = null)
    {
        var weights = new float[positives.Length];
        for (int c = 0; c < positives.Length; c++)
        {
            if (positives[c] < 0 || positives[c] > samples)
                throw new ArgumentException($"PosWeight: class {c} has {positives[c]} positives; expected 0..{samples}");
            float w = positives[c] == 0 ? 1f : (float)((double)(samples - positives[c]) / positives[c]);
            weights[c] = maxWeight is float cap ? Math.Min(w, cap) : w;
        }
        return weights;
    }

    public static float[] FromTargets(bool[][] multiHot, float? maxWeight = null) =>
        FromCounts(ClassCounts.Of(multiHot), multiHot.Length, maxWeight);
}
