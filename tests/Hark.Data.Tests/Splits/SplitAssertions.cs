using Hark.Data.Splits;

namespace Hark.Data.Tests.Splits;

internal static class SplitAssertions
{
    /// <summary>Train and test are disjoint, ascending, and together cover 0..n-1 exactly once.</summary>
    public static void DisjointAndCovering(DataSplit split, int n)
    {
        Assert.Empty(split.Train.Intersect(split.Test));
        Assert.Equal(Enumerable.Range(0, n), split.Train.Concat(split.Test).Order());
        Assert.Equal(split.Train.Order(), split.Train);
        Assert.Equal(split.Test.Order(), split.Test);
    }

    /// <summary>The folds' test sets partition 0..n-1 and each fold's train set is the complement of its test set.</summary>
    public static void FoldsPartition(DataSplit[] folds, int n)
    {
        Assert.Equal(Enumerable.Range(0, n), folds.SelectMany(f => f.Test).Order());
        foreach (var fold in folds) DisjointAndCovering(fold, n);
    }

    public static void GroupsNeverSplit(DataSplit split, IReadOnlyList<string?> groups)
    {
        var trainGroups = split.Train.Select(i => groups[i]).ToHashSet();
        Assert.DoesNotContain(split.Test, i => trainGroups.Contains(groups[i]));
    }

    /// <summary>Random labels with uneven class sizes and, when asked, speakers as groups.</summary>
    public static int[] UnevenLabels(int n, int classes, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (int)Math.Floor(Math.Pow(rng.NextDouble(), 2) * classes)).ToArray();
    }
}
