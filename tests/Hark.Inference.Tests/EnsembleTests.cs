using Hark.Inference;

namespace Hark.Inference.Tests;

public class EnsembleTests
{
    [Fact]
    public void RanksAreScaledToUnitRangeAndTiesShareTheirMeanRank()
    {
        float[][] scores = [[0.9f], [0.1f], [0.5f], [0.5f], [0.2f]];
        var ranks = Ensemble.Ranks(scores);
        // sorted: 0.1 (0), 0.2 (1), 0.5 (2,3 -> 2.5), 0.9 (4); divided by n-1 = 4
        Assert.Equal([1f, 0f, 0.625f, 0.625f, 0.25f], ranks.Select(r => r[0]));
    }

    [Fact]
    public void RankAveragingIgnoresEachMembersCalibration()
    {
        float[][] confident = [[0.99f, 0.01f], [0.98f, 0.02f], [0.01f, 0.99f]];
        float[][] timid = [[0.52f, 0.48f], [0.51f, 0.49f], [0.49f, 0.51f]];
        var combined = Ensemble.Combine([confident, timid], EnsembleMethod.Rank);
        Assert.Equal(Ensemble.Ranks(confident).Select(r => r[0]), combined.Select(r => r[0]));
    }

    [Fact]
    public void WeightedMeanUsesNormalisedWeights()
    {
        float[][] a = [[1f, 0f]], b = [[0f, 1f]];
        var combined = Ensemble.Combine([a, b], EnsembleMethod.Mean, [3, 1]);
        Assert.Equal(0.75f, combined[0][0], 6);
        Assert.Equal(0.25f, combined[0][1], 6);
    }

    [Fact]
    public void MembersOfDifferentShapesAreRefused()
    {
        float[][] a = [[1f, 0f]], b = [[0f, 1f], [1f, 0f]];
        Assert.Throws<ArgumentException>(() => Ensemble.Combine([a, b], EnsembleMethod.Mean));
    }
}
