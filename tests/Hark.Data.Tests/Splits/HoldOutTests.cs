using Hark.Data.Splits;
using Hark.Tensors;

namespace Hark.Data.Tests.Splits;

public class HoldOutTests
{
    [Theory]
    [InlineData(1000, 7, 0.15, 1)]
    [InlineData(131, 3, 0.2, 2)]
    [InlineData(50, 5, 0.5, 3)]
    public void StratifiedHoldOutKeepsClassProportions(int n, int classes, double fraction, int seed)
    {
        var labels = SplitAssertions.UnevenLabels(n, classes, seed);
        var split = StratifiedHoldOut.Split(labels, fraction, new Generator((ulong)seed));
        SplitAssertions.DisjointAndCovering(split, n);
        Assert.Equal((int)Math.Ceiling(fraction * n), split.Test.Length);
        for (int c = 0; c < classes; c++)
        {
            int total = labels.Count(l => l == c);
            int inTest = split.Test.Count(i => labels[i] == c);
            Assert.InRange(inTest, Math.Floor(fraction * total) - 1, Math.Ceiling(fraction * total) + 1);
        }
    }

    [Fact]
    public void StratifiedHoldOutIsSeeded()
    {
        var labels = SplitAssertions.UnevenLabels(200, 4, 9);
        var a = StratifiedHoldOut.Split(labels, 0.25, new Generator(5));
        var b = StratifiedHoldOut.Split(labels, 0.25, new Generator(5));
        var c = StratifiedHoldOut.Split(labels, 0.25, new Generator(6));
        Assert.Equal(a.Test, b.Test);
        Assert.NotEqual(a.Test, c.Test);
    }

    [Fact]
    public void StratifiedHoldOutRejectsSingletonClassLikeSklearn()
    {
        var e = Assert.Throws<ArgumentException>(() => StratifiedHoldOut.Split([0, 0, 1, 2, 2], 0.4, new Generator(0)));
        Assert.Contains("class 1 has only 1 sample", e.Message);
    }

    [Fact]
    public void GroupHoldOutNeverSplitsASpeakerAndStaysNearTheTarget()
    {
        // 10 speakers of uneven size, 7 classes, as in EMO-DB.
        var rng = new Random(3);
        var labels = new List<int>();
        var groups = new List<string?>();
        for (int s = 0; s < 10; s++)
            for (int k = 0; k < 30 + 8 * s; k++)
            {
                labels.Add(rng.Next(7));
                groups.Add($"speaker{s}");
            }
        for (ulong seed = 0; seed < 5; seed++)
        {
            var split = GroupHoldOut.Split(labels.ToArray(), groups, 0.2, new Generator(seed));
            SplitAssertions.DisjointAndCovering(split, labels.Count);
            SplitAssertions.GroupsNeverSplit(split, groups);
            Assert.InRange(split.Test.Length / (double)labels.Count, 0.15, 0.25);
            for (int c = 0; c < 7; c++)
            {
                double share = split.Test.Count(i => labels[i] == c) / (double)labels.Count(l => l == c);
                Assert.InRange(share, 0.1, 0.3);
            }
        }
    }

    [Fact]
    public void GroupHoldOutNeedsAGroupPerSample()
    {
        var e = Assert.Throws<ArgumentException>(() => GroupHoldOut.Split([0, 1, 0], ["a", null, "b"], 0.3, new Generator(0)));
        Assert.Contains("sample 1 has no group", e.Message);
    }

    [Fact]
    public void MultilabelHoldOutKeepsEachLabelShare()
    {
        var targets = RandomMultiHot(600, 12, seed: 4);
        var split = MultilabelStratifiedHoldOut.Split(targets, 0.2, new Generator(8));
        SplitAssertions.DisjointAndCovering(split, targets.Length);
        Assert.InRange(split.Test.Length, 110, 130);
        for (int c = 0; c < 12; c++)
        {
            int total = targets.Count(t => t[c]);
            int inTest = split.Test.Count(i => targets[i][c]);
            Assert.InRange(inTest, 0.2 * total - 2, 0.2 * total + 2);
        }
    }

    [Fact]
    public void ExplicitSplitReadsTheColumn()
    {
        var split = ExplicitSplit.TrainTest(["train", "test", "TRAIN", "test"]);
        Assert.Equal([0, 2], split.Train);
        Assert.Equal([1, 3], split.Test);
        var e = Assert.Throws<ArgumentException>(() => ExplicitSplit.TrainTest(["train", "val", "test"]));
        Assert.Contains("got 'val' for 1 sample(s) (first is sample 1)", e.Message);
        Assert.Equal(["train", "val", ""], ExplicitSplit.ByName(["train", "val", null]).Keys);
    }

    internal static bool[][] RandomMultiHot(int n, int classes, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var row = new bool[classes];
            int count = 1 + rng.Next(3);
            for (int k = 0; k < count; k++) row[(int)Math.Floor(Math.Pow(rng.NextDouble(), 1.5) * classes)] = true;
            return row;
        }).ToArray();
    }
}

public class MultiLabelGroupHoldOutTests
{
    [Fact]
    public void GroupsStayWholeAndLabelSharesStayNearTheTarget()
    {
        var targets = HoldOutTests.RandomMultiHot(400, 6, seed: 11);
        var groups = Enumerable.Range(0, 400).Select(i => (string?)$"speaker{i % 20}").ToArray();
        var split = GroupHoldOut.Split(targets, groups, 0.25, new Generator(4));
        SplitAssertions.DisjointAndCovering(split, 400);
        SplitAssertions.GroupsNeverSplit(split, groups);
        Assert.InRange(split.Test.Length, 80, 120);
        for (int c = 0; c < 6; c++)
        {
            double share = split.Test.Count(i => targets[i][c]) / (double)targets.Count(t => t[c]);
            Assert.InRange(share, 0.15, 0.35);
        }
    }
}
