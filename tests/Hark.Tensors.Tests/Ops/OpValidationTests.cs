using Hark.Tensors.Backends;
namespace Hark.Tensors.Tests.Ops;

using static Hark.Tensors.Ops;

/// <summary>Wrong shapes, devices and arguments throw messages that name the op and the shapes involved.</summary>
public class OpValidationTests
{
    /// <summary>Storage that claims to live on a GPU, so device checks can be exercised on a CPU-only build.</summary>
    private sealed class ElsewhereStorage(int length) : Storage
    {
        public override int Length => length;
        public override Device Device => new("cuda");
        public override void CopyToHost(Span<float> destination) => throw new InvalidOperationException("no GPU in this test");
        public override void CopyFromHost(ReadOnlySpan<float> source) => throw new InvalidOperationException("no GPU in this test");
    }

    private static Tensor OnGpu(params int[] shape) => new(new ElsewhereStorage(shape.Aggregate(1, (a, b) => a * b)), shape);

    private static void AssertNames<TException>(Action action, params string[] fragments) where TException : Exception
    {
        var error = Assert.ThrowsAny<TException>(action);
        foreach (var fragment in fragments) Assert.Contains(fragment, error.Message);
    }

    [Theory]
    [InlineData("Add")]
    [InlineData("Sub")]
    [InlineData("Mul")]
    [InlineData("Div")]
    public void BinaryOpsNameThemselvesAndBothShapesWhenShapesDoNotBroadcast(string op)
    {
        var a = Tensor.Zeros(2, 3);
        var b = Tensor.Zeros(4, 3, 2);
        Func<Tensor, Tensor, Tensor> fn = op switch { "Add" => Add, "Sub" => Sub, "Mul" => Mul, _ => Div };
        AssertNames<ShapeException>(() => fn(a, b), op, "[2, 3]", "[4, 3, 2]");
    }

    [Fact]
    public void BinaryOpsNameBothDevicesAndShapesWhenDevicesDiffer()
    {
        AssertNames<ShapeException>(() => Add(Tensor.Zeros(2, 3), OnGpu(2, 3)), "Add", "cpu", "cuda:0", "[2, 3]");
        AssertNames<ShapeException>(() => Cat([Tensor.Zeros(2, 3), OnGpu(2, 5)], 1), "Cat", "[2, 3]", "[2, 5]");
        AssertNames<ShapeException>(() => CrossEntropy(Tensor.Zeros(2, 3), OnGpu(2, 3)), "CrossEntropy", "cpu", "cuda:0");
    }

    [Fact]
    public void ShapeOpsRejectWhatDoesNotFit()
    {
        var x = Tensor.Zeros(2, 3, 4);
        AssertNames<ShapeException>(() => Reshape(x, 5, -1), "Reshape", "[5, -1]", "[2, 3, 4]");
        AssertNames<ShapeException>(() => Reshape(x, -1, -1), "Reshape", "-1");
        AssertNames<ShapeException>(() => Reshape(x, 4, 5), "Reshape", "[4, 5]", "[2, 3, 4]");
        AssertNames<ShapeException>(() => Permute(x, 0, 1), "Permute", "[2, 3, 4]");
        AssertNames<ShapeException>(() => Permute(x, 0, 1, 1), "Permute", "twice");
        AssertNames<ShapeException>(() => Cat([x, Tensor.Zeros(2, 5, 5)], 1), "Cat", "[2, 3, 4]", "[2, 5, 5]");
        AssertNames<ShapeException>(() => Stack([x, Tensor.Zeros(2, 3, 5)], 0), "Stack", "[2, 3, 4]", "[2, 3, 5]");
        AssertNames<ShapeException>(() => Slice(x, 3, 0, 1), "Slice", "axis 3", "[2, 3, 4]");
        AssertNames<ShapeException>(() => Pad(x, [1, 2, 3]), "Pad", "[2, 3, 4]");
        AssertNames<ShapeException>(() => Pad(x, [-3, -2]), "Pad", "[2, 3, 4]", "negative");
        AssertNames<ShapeException>(() => Flatten(x, 2, 1), "Flatten", "[2, 3, 4]");
        AssertNames<ShapeException>(() => Transpose(x, 0, -4), "Transpose", "[2, 3, 4]");
    }

    [Fact]
    public void ReductionsAndSoftmaxRejectBadAxes()
    {
        var x = Tensor.Zeros(2, 3);
        AssertNames<ShapeException>(() => Sum(x, [2]), "Sum", "axis 2", "[2, 3]");
        AssertNames<ShapeException>(() => Mean(x, [0, -2]), "Mean", "twice", "[2, 3]");
        AssertNames<ShapeException>(() => Var(x, [5]), "Var", "[2, 3]");
        AssertNames<ShapeException>(() => Max(x, -3), "Max", "[2, 3]");
        AssertNames<ShapeException>(() => Max(Tensor.Zeros(2, 0), 1), "Max", "[2, 0]", "empty");
        AssertNames<ShapeException>(() => Softmax(x, 2), "Softmax", "[2, 3]");
        AssertNames<ShapeException>(() => LogSoftmax(x, -3), "LogSoftmax", "[2, 3]");
    }

    [Fact]
    public void CrossEntropyNamesBadTargetsAndShapes()
    {
        var logits = Tensor.Zeros(3, 4);
        AssertNames<ArgumentOutOfRangeException>(() => CrossEntropy(logits, [0, 4, 1]), "CrossEntropy", "target 4", "position 1", "[3, 4]");
        AssertNames<ArgumentOutOfRangeException>(() => CrossEntropy(logits, [0, -1, 1]), "CrossEntropy", "target -1");
        AssertNames<ShapeException>(() => CrossEntropy(logits, [0, 1]), "CrossEntropy", "3 class indices", "[3, 4]", "got 2");
        AssertNames<ShapeException>(() => CrossEntropy(Tensor.Zeros(3, 4, 2), [0, 1, 2]), "CrossEntropy", "[3, 4, 2]");
        AssertNames<ShapeException>(() => CrossEntropy(logits, [0, 1, 2], weight: Tensor.Ones(3)), "CrossEntropy", "[4]", "[3, 4]", "[3]");
        AssertNames<ShapeException>(() => CrossEntropy(logits, Tensor.Zeros(3, 5)), "CrossEntropy", "[3, 4]", "[3, 5]");
        AssertNames<ArgumentOutOfRangeException>(() => CrossEntropy(logits, [0, 1, 2], labelSmoothing: 1.5f), "CrossEntropy", "labelSmoothing");
    }

    [Fact]
    public void BinaryLossesNameMismatchedShapes()
    {
        var logits = Tensor.Zeros(3, 4);
        AssertNames<ShapeException>(() => BinaryCrossEntropyWithLogits(logits, Tensor.Zeros(3, 5)), "BinaryCrossEntropyWithLogits", "[3, 4]", "[3, 5]");
        AssertNames<ShapeException>(() => BinaryCrossEntropyWithLogits(logits, Tensor.Zeros(3, 4), posWeight: Tensor.Ones(5)), "BinaryCrossEntropyWithLogits", "posWeight", "[3, 4]", "[5]");
        AssertNames<ShapeException>(() => BinaryCrossEntropyWithLogits(logits, Tensor.Zeros(3, 4), weight: Tensor.Ones(2, 3, 4)), "BinaryCrossEntropyWithLogits", "weight", "[2, 3, 4]");
        AssertNames<ShapeException>(() => SigmoidFocalLoss(logits, Tensor.Zeros(4, 3)), "SigmoidFocalLoss", "[3, 4]", "[4, 3]");
    }

    [Fact]
    public void DropoutAndClampRejectBadArguments()
    {
        var x = Tensor.Zeros(2, 3);
        AssertNames<ArgumentOutOfRangeException>(() => Dropout(x, 1.5f, true, new Generator(1)), "Dropout", "1.5", "[2, 3]");
        AssertNames<ArgumentException>(() => Clamp(x, 1f, 0f), "Clamp", "[2, 3]");
    }
}
