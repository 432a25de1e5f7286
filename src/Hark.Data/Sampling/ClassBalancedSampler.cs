using Hark.Tensors;

namespace Hark.Data.Sampling;

/// <summary>
/// An epoch of sample indices in which rare classes are oversampled toward the size of the largest class, but no class
/// is repeated more than <c>maxOversampling</c> times its own size (e.g. 5x), so a handful of clips is not memorised.
/// Single-label: class c appears min(n_max, cap * n_c) times, made of whole passes over the class plus a random subset,
/// so every sample appears at least once. Multi-label: each sample is repeated by the factor of its rarest class
/// (min(cap, n_max / n_c)), with random rounding of the fractional part. The epoch is shuffled.
/// </summary>
public sealed class ClassBalancedSampler
{
    private readonly int[][] membersByClass = [];
    private readonly double[] repeatPerSample = [];
    private readonly bool multiLabel;

    public ClassBalancedSampler(int[] labels, int classes, double maxOversampling = 5)
    {
        CheckCap(maxOversampling);
        var counts = ClassCounts.Of(labels, classes);
        MaxOversampling = maxOversampling;
        membersByClass = Enumerable.Range(0, classes).Select(c => Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray()).ToArray();
        int largest = counts.Max();
        TargetPerClass = counts.Select(n => n == 0 ? 0 : (int)Math.Min(largest, Math.Floor(maxOversampling * n))).ToArray();
        EpochLength = TargetPerClass.Sum();
    }

    public ClassBalancedSampler(bool[][] multiHot, double maxOversampling = 5)
    {
        CheckCap(maxOversampling);
        multiLabel = true;
        MaxOversampling = maxOversampling;
        var counts = ClassCounts.Of(multiHot);
        int largest = counts.Max();
        repeatPerSample = new double[multiHot.Length];
        for (int i = 0; i < multiHot.Length; i++)
        {
            double factor = 1;
            for (int c = 0; c < counts.Length; c++)
                if (multiHot[i][c]) factor = Math.Max(factor, Math.Min(maxOversampling, (double)largest / counts[c]));
            repeatPerSample[i] = factor;
        }
        TargetPerClass = [];
        EpochLength = (int)Math.Round(repeatPerSample.Sum());
    }

    public double MaxOversampling { get; }

    /// <summary>Single-label: how many draws of each class an epoch holds (empty for multi-label).</summary>
    public int[] TargetPerClass { get; }

    /// <summary>The epoch length (expected length for multi-label, where rounding is random).</summary>
    public int EpochLength { get; }

    /// <summary>The indices of one epoch, shuffled.</summary>
    public int[] NextEpoch(Generator generator)
    {
        var epoch = new List<int>(EpochLength + 16);
        if (multiLabel)
        {
            for (int i = 0; i < repeatPerSample.Length; i++)
            {
                double factor = repeatPerSample[i];
                int copies = (int)Math.Floor(factor);
                if (generator.NextDouble() < factor - copies) copies++;
                for (int k = 0; k < copies; k++) epoch.Add(i);
            }
        }
        else
        {
            for (int c = 0; c < membersByClass.Length; c++)
            {
                var members = membersByClass[c];
                int wanted = TargetPerClass[c];
                for (; wanted >= members.Length && members.Length > 0; wanted -= members.Length) epoch.AddRange(members);
                if (wanted > 0)
                {
                    var partial = (int[])members.Clone();
                    generator.Shuffle(partial.AsSpan());
                    epoch.AddRange(partial.Take(wanted));
                }
            }
        }
        var result = epoch.ToArray();
        generator.Shuffle(result.AsSpan());
        return result;
    }

    private static void CheckCap(double maxOversampling)
    {
        if (!(maxOversampling >= 1))
            throw new ArgumentOutOfRangeException(nameof(maxOversampling), maxOversampling, "ClassBalancedSampler: expected an oversampling cap >= 1");
    }
}
