using Hark.Tensors;

namespace Hark.Data.Splits;

/// <summary>
/// A seeded hold-out split that never puts one group (e.g. a speaker) on both sides, and among the group subsets
/// keeps the test size and the class proportions as close to the target as the groups allow.
/// It draws random group orders, takes the prefix of each whose per-class counts are nearest the target, then improves
/// the best by swapping single groups in and out while that lowers the squared error of the per-class test counts.
/// </summary>
public static class GroupHoldOut
{
    private const int Trials = 64;

    /// <summary>Single-label: stratified over <paramref name="labels"/>.</summary>
    public static DataSplit Split(int[] labels, IReadOnlyList<string?> groups, double testFraction, Generator generator)
    {
        int classes = SplitChecks.ClassCount(nameof(GroupHoldOut), labels);
        return Split(labels.Select(l => new[] { l }).ToArray(), classes, groups, testFraction, generator);
    }

    /// <summary>Multi-label: stratified over the positive classes of each row of <paramref name="multiHot"/>.</summary>
    public static DataSplit Split(bool[][] multiHot, IReadOnlyList<string?> groups, double testFraction, Generator generator) =>
        Split(SplitChecks.LabelSets(nameof(GroupHoldOut), multiHot), multiHot.Length == 0 ? 0 : multiHot[0].Length, groups, testFraction, generator);

    private static DataSplit Split(int[][] labelSets, int classes, IReadOnlyList<string?> groups, double testFraction, Generator generator)
    {
        const string name = nameof(GroupHoldOut);
        SplitChecks.Fraction(name, testFraction);
        int n = labelSets.Length;
        SplitChecks.Groups(name, groups, n);
        var groupNames = groups.Select(g => g!).Distinct(StringComparer.Ordinal).ToArray();
        if (groupNames.Length < 2) throw new ArgumentException($"{name}: expected at least 2 groups, got {groupNames.Length}");
        var groupIndex = groupNames.Select((g, k) => (g, k)).ToDictionary(p => p.g, p => p.k, StringComparer.Ordinal);

        // Column 'classes' of each count vector holds the sample count, so the test size is matched as well.
        var groupCounts = new double[groupNames.Length][];
        for (int g = 0; g < groupNames.Length; g++) groupCounts[g] = new double[classes + 1];
        var target = new double[classes + 1];
        for (int i = 0; i < n; i++)
        {
            var counts = groupCounts[groupIndex[groups[i]!]];
            foreach (int c in labelSets[i])
            {
                counts[c]++;
                target[c] += testFraction;
            }
            counts[classes]++;
            target[classes] += testFraction;
        }

        bool[] best = [];
        double bestCost = double.PositiveInfinity;
        for (int trial = 0; trial < Trials; trial++)
        {
            var order = generator.Permutation(groupNames.Length);
            var inTest = new bool[groupNames.Length];
            var sum = new double[classes + 1];
            for (int prefix = 1; prefix < order.Length; prefix++)
            {
                inTest[order[prefix - 1]] = true;
                Add(sum, groupCounts[order[prefix - 1]], 1);
                double cost = Cost(sum, target);
                if (cost < bestCost)
                {
                    bestCost = cost;
                    best = (bool[])inTest.Clone();
                }
            }
        }
        Improve(best, groupCounts, target);

        var train = new List<int>();
        var test = new List<int>();
        for (int i = 0; i < n; i++) (best[groupIndex[groups[i]!]] ? test : train).Add(i);
        return new DataSplit(train.ToArray(), test.ToArray());
    }

    private static void Improve(bool[] inTest, double[][] groupCounts, double[] target)
    {
        var sum = new double[target.Length];
        for (int g = 0; g < inTest.Length; g++) if (inTest[g]) Add(sum, groupCounts[g], 1);
        double cost = Cost(sum, target);
        for (bool improved = true; improved;)
        {
            improved = false;
            for (int a = 0; a < inTest.Length; a++)
            {
                if (!inTest[a]) continue;
                for (int b = 0; b < inTest.Length; b++)
                {
                    if (inTest[b]) continue;
                    Add(sum, groupCounts[a], -1);
                    Add(sum, groupCounts[b], 1);
                    double swapped = Cost(sum, target);
                    if (swapped < cost - 1e-12)
                    {
                        cost = swapped;
                        inTest[a] = false;
                        inTest[b] = true;
                        improved = true;
                        break;
                    }
                    Add(sum, groupCounts[b], -1);
                    Add(sum, groupCounts[a], 1);
                }
            }
        }
    }

    private static void Add(double[] sum, double[] counts, double sign)
    {
        for (int c = 0; c < sum.Length; c++) sum[c] += sign * counts[c];
    }

    private static double Cost(double[] sum, double[] target)
    {
        double cost = 0;
        for (int c = 0; c < sum.Length; c++) cost += (sum[c] - target[c]) * (sum[c] - target[c]);
        return cost;
    }
}
