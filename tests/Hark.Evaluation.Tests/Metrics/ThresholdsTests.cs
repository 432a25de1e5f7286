using Hark.Evaluation.Metrics;

namespace Hark.Evaluation.Tests.Metrics;

public class ThresholdsTests
{
    private static readonly float[][] Scores = [[0.9f, 0.2f, 0.6f], [0.1f, 0.3f, 0.2f], [0.5f, 0.5f, 0.4f]];

    [Fact]
    public void GlobalAndPerClassThresholds()
    {
        Assert.Equal([[true, false, true], [false, false, false], [true, true, false]], Thresholds.Apply(Scores));
        Assert.Equal([[false, false, true], [false, true, false], [false, true, true]], Thresholds.Apply(Scores, [0.95f, 0.25f, 0.4f]));
        Assert.Throws<ArgumentException>(() => Thresholds.Apply(Scores, [0.5f, 0.5f]));
    }

    [Fact]
    public void AtLeastOneKeepsTheTopLabel()
    {
        Assert.Equal([false, true, false], Thresholds.ApplyAtLeastOne(Scores)[1]);
        Assert.Equal([true, false, true], Thresholds.ApplyAtLeastOne(Scores)[0]);
    }

    [Fact]
    public void TopKBreaksTiesByLowerIndex()
    {
        Assert.Equal([true, false, false], Thresholds.TopK(Scores, 1)[2]);
        Assert.Equal([true, true, false], Thresholds.TopK(Scores, 2)[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Thresholds.TopK(Scores, 4));
    }

    [Fact]
    public void BestF1ThresholdSeparatesTheClassWhenItCan()
    {
        bool[][] targets = [[true, false], [true, false], [false, false], [false, true]];
        float[][] scores = [[0.8f, 0.1f], [0.6f, 0.2f], [0.3f, 0.3f], [0.2f, 0.9f]];
        var thresholds = Thresholds.BestF1PerClass(targets, scores);
        Assert.Equal(0.45f, thresholds[0], 5);
        Assert.Equal(0.6f, thresholds[1], 5);
        var predicted = Thresholds.Apply(scores, thresholds);
        Assert.Equal(1.0, PrecisionRecallFScore.F1(targets, predicted, Average.Macro), 12);
    }

    [Fact]
    public void ClassWithoutPositivesKeepsTheFallback()
    {
        Assert.Equal([0.7f], Thresholds.BestF1PerClass([[false], [false]], [[0.2f], [0.9f]], fallback: 0.7f));
    }
}
