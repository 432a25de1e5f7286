using Hark.Tensors;

namespace Hark.Data.Sampling;

/// <summary>
/// Draws indices with replacement in proportion to per-sample weights, like torch.utils.data.WeightedRandomSampler
/// (replacement=True); with weights 1/n_class it gives class-balanced batches in expectation.
/// </summary>
public sealed class WeightedRandomSampler
{
    private readonly double[] cumulative;

    public WeightedRandomSampler(IReadOnlyList<double> weights)
    {
        if (weights.Count == 0) throw new ArgumentException("WeightedRandomSampler: expected at least one weight");
        cumulative = new double[weights.Count];
        double sum = 0;
        for (int i = 0; i < weights.Count; i++)
        {
            if (!(weights[i] >= 0) || double.IsInfinity(weights[i]))
                throw new ArgumentException($"WeightedRandomSampler: weight {i} is {weights[i]}; expected a finite value >= 0");
            sum += weights[i];
            cumulative[i] = sum;
        }
        if (sum <= 0) throw new ArgumentException("WeightedRandomSampler: all weights are 0");
    }

    /// <summary>Per-sample weights 1 / count(class of the sample): each class is drawn equally often in expectation.</summary>
    public static WeightedRandomSampler ClassBalanced(int[] labels, int classes)
    {
        var counts = ClassCounts.Of(labels, classes);
        return new WeightedRandomSampler(labels.Select(l => 1.0 / counts[l]).ToArray());
    }

    public int[] Draw(int count, Generator generator)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "WeightedRandomSampler: expected count >= 0");
        double total = cumulative[^1];
        var result = new int[count];
        for (int k = 0; k < count; k++)
        {
            double u = generator.NextDouble() * total;
            int index = Array.BinarySearch(cumulative, u);
            index = index >= 0 ? index + 1 : ~index;
            // A draw equal to a running sum belongs to the next sample with positive weight.
            while (index < cumulative.Length - 1 && cumulative[index] <= u) index++;
            result[k] = Math.Min(index, cumulative.Length - 1);
        }
        return result;
    }
}
