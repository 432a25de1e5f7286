using Hark.Evaluation.Metrics;

namespace Hark.Evaluation.Tests.Metrics;

/// <summary>Bad inputs are rejected with messages naming the metric and the sizes expected vs got.</summary>
public class MetricArgumentTests
{
    [Fact]
    public void LengthMismatchNamesBothLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => Accuracy.Score([0, 1, 2], [0, 1]));
        Assert.Equal("Accuracy: expected 3 predictions (one per sample), got 2", e.Message);
    }

    [Fact]
    public void ShapeMismatchNamesBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Lwlrap.Score([[true, false]], [[0.1f, 0.2f, 0.3f]]));
        Assert.Contains("expected scores shaped like targets [1 x 2], got [1 x 3]", e.Message);
    }

    [Fact]
    public void RaggedRowsAreNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => HammingLoss.Score([[true, false], [true]], [[true, false], [true, false]]));
        Assert.Contains("targets row 1 has 1 classes, expected 2", e.Message);
    }

    [Fact]
    public void UndefinedAucNamesTheClass()
    {
        var e = Assert.Throws<ArgumentException>(() => RocAuc.Score([[true, false], [false, false]], [[0.1f, 0.2f], [0.3f, 0.4f]]));
        Assert.Contains("class 1", e.Message);
        Assert.True(double.IsNaN(RocAuc.PerClass([[true, false], [false, false]], [[0.1f, 0.2f], [0.3f, 0.4f]])[1]));
    }

    [Fact]
    public void SamplesAverageIsMultiLabelOnly()
    {
        Assert.Throws<ArgumentException>(() => PrecisionRecallFScore.Averaged([0, 1], [0, 1], Average.Samples));
    }

    [Fact]
    public void ConfusionMatrixRejectsClassesOutsideTheRange()
    {
        var e = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute([0, 3], [0, 1], 3));
        Assert.Contains("class index 3; expected 0..2", e.Message);
    }

    [Fact]
    public void RowMajorScoresAreSplitIntoRows()
    {
        Assert.Equal([[1f, 2f], [3f, 4f], [5f, 6f]], ScoreRows.FromRowMajor([1, 2, 3, 4, 5, 6], 2));
        Assert.Throws<ArgumentException>(() => ScoreRows.FromRowMajor([1, 2, 3], 2));
        Assert.Equal([1, 0], ScoreRows.ArgMax([[0.1f, 0.7f], [0.5f, 0.5f]]));
    }
}
