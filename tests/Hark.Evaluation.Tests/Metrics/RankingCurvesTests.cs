using Hark.Evaluation.Metrics;

namespace Hark.Evaluation.Tests.Metrics;

/// <summary><see cref="RankingCurves"/>: the areas under its curves are the ranking scores checked against scikit-learn elsewhere.</summary>
public class RankingCurvesTests
{
    [Fact]
    public void RocPointsMatchScikitLearnOnASmallExample()
    {
        // sklearn.metrics.roc_curve([1, 0, 1, 0, 1], [0.9, 0.8, 0.8, 0.3, 0.1], drop_intermediate=False)
        // fpr [0, 0, 0.5, 1, 1], tpr [0, 1/3, 2/3, 2/3, 1] (with a leading (0, 0) for the infinite threshold)
        var roc = RankingCurves.Roc([true, false, true, false, true], [0.9f, 0.8f, 0.8f, 0.3f, 0.1f])!;
        Assert.Equal([0, 0, 0.5, 1, 1], roc.X);
        Assert.Equal([0, 1 / 3.0, 2 / 3.0, 2 / 3.0, 1], roc.Y);
    }

    [Fact]
    public void PrecisionRecallPointsMatchScikitLearnOnASmallExample()
    {
        // sklearn.metrics.precision_recall_curve([1, 0, 1, 0, 1], [0.9, 0.8, 0.8, 0.3, 0.1]), read from the highest threshold:
        // recall 1/3, 2/3, 2/3, 1 at precision 1, 2/3, 1/2, 3/5 (plus scikit-learn's (recall 0, precision 1) end point)
        var pr = RankingCurves.PrecisionRecall([true, false, true, false, true], [0.9f, 0.8f, 0.8f, 0.3f, 0.1f])!;
        Assert.Equal([0, 1 / 3.0, 2 / 3.0, 2 / 3.0, 1], pr.X);
        Assert.Equal([1, 1, 2 / 3.0, 0.5, 0.6], pr.Y);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TheAreasUnderTheCurvesAreRocAucAndAveragePrecision(int seed)
    {
        var random = new Random(seed);
        var truth = Enumerable.Range(0, 60).Select(_ => random.NextDouble() < 0.4).ToArray();
        // Rounded scores so ties occur.
        var scores = truth.Select(t => MathF.Round((float)(random.NextDouble() + (t ? 0.3 : 0)), 1)).ToArray();
        var roc = RankingCurves.Roc(truth, scores)!;
        double trapezoids = 0;
        for (int i = 1; i < roc.X.Length; i++) trapezoids += (roc.X[i] - roc.X[i - 1]) * (roc.Y[i] + roc.Y[i - 1]) / 2;
        Assert.Equal(RocAuc.Binary(truth, scores), trapezoids, 12);
        var pr = RankingCurves.PrecisionRecall(truth, scores)!;
        double steps = 0;
        for (int i = 1; i < pr.X.Length; i++) steps += (pr.X[i] - pr.X[i - 1]) * pr.Y[i];
        Assert.Equal(AveragePrecision.Binary(truth, scores), steps, 12);
    }

    [Fact]
    public void ACurveNeedsBothClassesOrAPositive()
    {
        Assert.Null(RankingCurves.Roc([true, true], [0.1f, 0.2f]));
        Assert.Null(RankingCurves.PrecisionRecall([false, false], [0.1f, 0.2f]));
        Assert.NotNull(RankingCurves.PrecisionRecall([true, true], [0.1f, 0.2f]));
    }
}
