namespace Hark.Tensors.Tests.Ops;

/// <summary>Wrong shapes throw a ShapeException whose message names the op and every shape involved.</summary>
public class ShapeErrorTests
{
    private static void AssertNamed(Action call, string op, params string[] shapes)
    {
        var error = Assert.Throws<ShapeException>(call);
        Assert.Contains(op, error.Message);
        foreach (var shape in shapes) Assert.Contains(shape, error.Message);
    }

    [Fact]
    public void Conv2dWithMismatchedChannelsNamesBothShapes() =>
        AssertNamed(() => Tensors.Ops.Conv2d(Tensor.Zeros(2, 3, 8, 8), Tensor.Zeros(4, 5, 3, 3)), "Conv2d", "[2, 3, 8, 8]", "[4, 5, 3, 3]");

    [Fact]
    public void Conv2dWithAKernelLargerThanTheInputIsRefused() =>
        AssertNamed(() => Tensors.Ops.Conv2d(Tensor.Zeros(1, 1, 2, 2), Tensor.Zeros(1, 1, 3, 3)), "Conv2d", "[1, 1, 2, 2]", "[1, 1, 3, 3]");

    [Fact]
    public void MatMulWithMismatchedInnerDimensionsNamesBothShapes() =>
        AssertNamed(() => Tensors.Ops.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(4, 5)), "MatMul", "[2, 3]", "[4, 5]");

    [Fact]
    public void MatMulWithBatchDimensionsThatDoNotBroadcastIsRefused() =>
        AssertNamed(() => Tensors.Ops.MatMul(Tensor.Zeros(2, 3, 4), Tensor.Zeros(3, 4, 5)), "MatMul", "[2, 3, 4]", "[3, 4, 5]");

    [Fact]
    public void BmmWithDifferentBatchesNamesBothShapes() =>
        AssertNamed(() => Tensors.Ops.Bmm(Tensor.Zeros(2, 3, 4), Tensor.Zeros(3, 4, 5)), "Bmm", "[2, 3, 4]", "[3, 4, 5]");

    [Fact]
    public void LinearWithWrongInputFeaturesNamesBothShapes() =>
        AssertNamed(() => Tensors.Ops.Linear(Tensor.Zeros(2, 7), Tensor.Zeros(3, 5)), "Linear", "[2, 7]", "[3, 5]");

    [Fact]
    public void BatchNormWithWrongWeightSizeNamesBothShapes() =>
        AssertNamed(() => Tensors.Ops.BatchNorm(Tensor.Zeros(2, 3, 4), null, null, Tensor.Zeros(4), null, training: true), "BatchNorm", "[2, 3, 4]", "[4]");

    [Fact]
    public void BatchNormInTrainingWithOneValuePerChannelIsRefused() =>
        AssertNamed(() => Tensors.Ops.BatchNorm(Tensor.Zeros(1, 3), null, null, null, null, training: true), "BatchNorm", "[1, 3]");

    [Fact]
    public void MaxPool2dOnAMatrixIsRefused() =>
        AssertNamed(() => Tensors.Ops.MaxPool2d(Tensor.Zeros(4, 4), 2), "MaxPool2d", "[4, 4]");

    [Fact]
    public void AdaptiveAvgPool2dToAnEmptySizeIsRefused() =>
        AssertNamed(() => Tensors.Ops.AdaptiveAvgPool2d(Tensor.Zeros(1, 2, 4, 4), (0, 1)), "AdaptiveAvgPool2d", "[1, 2, 4, 4]");
}
