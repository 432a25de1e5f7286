using Hark.Data.Splits;
using Hark.Tensors;

namespace Hark.Data.Tests.Splits;

public class KFoldTests
{
    [Theory]
    [InlineData(1000, 10, 5)]
    [InlineData(97, 4, 3)]
    [InlineData(23, 2, 5)]
    public void StratifiedKFoldBalancesEveryClassWithinOne(int n, int classes, int folds)
    {
        var labels = SplitAssertions.UnevenLabels(n, classes, n);
        var split = StratifiedKFold.Split(labels, folds, new Generator(1));
        SplitAssertions.FoldsPartition(split, n);
        for (int c = 0; c < classes; c++)
        {
            var perFold = split.Select(f => f.Test.Count(i => labels[i] == c)).ToArray();
            Assert.True(perFold.Max() - perFold.Min() <= 1, $"class {c}: [{string.Join(",", perFold)}]");
        }
        var sizes = split.Select(f => f.Test.Length).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1, $"fold sizes [{string.Join(",", sizes)}]");
    }

    [Fact]
    public void KFoldSizesDifferByAtMostOne()
    {
        var split = KFold.Split(23, 5, new Generator(2));
        SplitAssertions.FoldsPartition(split, 23);
        Assert.Equal([5, 5, 5, 4, 4], split.Select(f => f.Test.Length));
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(3, 2)]
    public void MultilabelStratifiedKFoldKeepsLabelShares(int folds, ulong seed)
    {
        var targets = HoldOutTests.RandomMultiHot(800, 15, seed: (int)seed);
        var split = MultilabelStratifiedKFold.Split(targets, folds, new Generator(seed));
        SplitAssertions.FoldsPartition(split, targets.Length);
        for (int c = 0; c < 15; c++)
        {
            int total = targets.Count(t => t[c]);
            foreach (var fold in split)
                Assert.InRange(fold.Test.Count(i => targets[i][c]), total / (double)folds - 2, total / (double)folds + 2);
        }
        foreach (var fold in split) Assert.InRange(fold.Test.Length, 800 / folds - 10, 800 / folds + 10);
    }

    [Fact]
    public void MultilabelStratifiedKFoldSpreadsUnlabelledRows()
    {
        var targets = HoldOutTests.RandomMultiHot(40, 4, seed: 3).Concat(Enumerable.Range(0, 10).Select(_ => new bool[4])).ToArray();
        var split = MultilabelStratifiedKFold.Split(targets, 5, new Generator(3));
        SplitAssertions.FoldsPartition(split, 50);
        foreach (var fold in split) Assert.Equal(10, fold.Test.Length);
    }

    [Fact]
    public void GroupKFoldHoldsOutWholeGroupsAndBalancesSizes()
    {
        var groups = Enumerable.Range(0, 300).Select(i => (string?)$"g{i % 13}").ToArray();
        var split = GroupKFold.Split(groups, 4, new Generator(0));
        SplitAssertions.FoldsPartition(split, 300);
        foreach (var fold in split)
        {
            SplitAssertions.GroupsNeverSplit(fold, groups);
            Assert.InRange(fold.Test.Length, 60, 96);
        }
    }

    [Fact]
    public void TooManyFoldsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => GroupKFold.Split(["a", "b", "a"], 3, new Generator(0)));
        Assert.Throws<ArgumentException>(() => StratifiedKFold.Split([0, 1, 1, 0], 3, new Generator(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => KFold.Split(10, 1, new Generator(0)));
    }
}
