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
    public void Conv2d_with_mismatched_channels_names_both_shapes() =>
        AssertNamed(() => Tensors.Ops.Conv2d(Tensor.Zeros(2, 3, 8, 8), Tensor.Zeros(4, 5, 3, 3)), "Conv2d", "[2, 3, 8, 8]", "[4, 5, 3, 3]");

    [Fact]
    public void Conv2d_with_a_kernel_larger_than_the_input_is_refused() =>
        AssertNamed(() => Tensors.Ops.Conv2d(Tensor.Zeros(1, 1, 2, 2), Tensor.Zeros(1, 1, 3, 3)), "Conv2d", "[1, 1, 2, 2]", "[1, 1, 3, 3]");

    [Fact]
    public void MatMul_with_mismatched_inner_dimensions_names_both_shapes() =>
        AssertNamed(() => Tensors.Ops.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(4, 5)), "MatMul", "[2, 3]", "[4, 5]");

    [Fact]
    public void MatMul_with_batch_dimensions_that_do_not_broadcast_is_refused() =>
        AssertNamed(() => Tensors.Ops.MatMul(Tensor.Zeros(2, 3, 4), Tensor.Zeros(3, 4, 5)), "MatMul", "[2, 3, 4]", "[3, 4, 5]");

    [Fact]
    public void Bmm_with_different_batches_names_both_shapes() =>
        AssertNamed(() => Tensors.Ops.Bmm(Tensor.Zeros(2, 3, 4), Tensor.Zeros(3, 4, 5)), "Bmm", "[2, 3, 4]", "[3, 4, 5]");

    [Fact]
    public void Linear_with_wrong_input_features_names_both_shapes() =>
        AssertNamed(() => Tensors.Ops.Linear(Tensor.Zeros(2, 7), Tensor.Zeros(3, 5)), "Linear", "[2, 7]", "[3, 5]");

    [Fact]
    public void BatchNorm_with_wrong_weight_size_names_both_shapes() =>
        AssertNamed(() => Tensors.Ops.BatchNorm(Tensor.Zeros(2, 3, 4), null, null, Tensor.Zeros(4), null, training: true), "BatchNorm", "[2, 3, 4]", "[4]");

    [Fact]
    public void BatchNorm_in_training_with_one_value_per_channel_is_refused() =>
        AssertNamed(() => Tensors.Ops.BatchNorm(Tensor.Zeros(1, 3), null, null, null, null, training: true), "BatchNorm", "[1, 3]");

    [Fact]
    public void MaxPool2d_on_a_matrix_is_refused() =>
        AssertNamed(() => Tensors.Ops.MaxPool2d(Tensor.Zeros(4, 4), 2), "MaxPool2d", "[4, 4]");

    [Fact]
    public void AdaptiveAvgPool2d_to_an_empty_size_is_refused() =>
        AssertNamed(() => Tensors.Ops.AdaptiveAvgPool2d(Tensor.Zeros(1, 2, 4, 4), (0, 1)), "AdaptiveAvgPool2d", "[1, 2, 4, 4]");
}
