using Hark.Tensors.Backends;
using Hark.Tensors.Autograd;
using Hark.Tensors.Tests.Testing;

namespace Hark.Tensors.Tests.Ops;

using static Hark.Tensors.Ops;

/// <summary>Behaviour that golden values do not show: storage sharing, dropout's statistics, gradient flow through composites.</summary>
public class OpBehaviourTests
{
    private static Tensor Random(int seed, params int[] shape)
    {
        var generator = new Generator((ulong)seed);
        var data = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < data.Length; i++) data[i] = (float)generator.NextGaussian();
        return new Tensor(new CpuStorage(data), shape);
    }

    [Fact]
    public void ReshapeAndFlattenShareStorage()
    {
        var x = Random(1, 2, 3, 4);
        Assert.Same(x.Storage, Reshape(x, -1, 4).Storage);
        Assert.Same(x.Storage, Flatten(x).Storage);
        Assert.Equal([2, 12], Flatten(x).Shape);
        Assert.Equal([24], Flatten(x, 0).Shape);
    }

    [Fact]
    public void DropoutOutsideTrainingOrAtZeroReturnsTheInputItself()
    {
        var x = Random(2, 3, 4);
        Assert.Same(x, Dropout(x, 0.5f, training: false, new Generator(1)));
        Assert.Same(x, Dropout(x, 0f, training: true, new Generator(1)));
    }

    [Fact]
    public void DropoutZeroesAboutPAndScalesTheRestAndItsGradientIsTheMask()
    {
        var x = Tensor.Full([200, 100], 2f);
        x.RequiresGrad = true;
        var y = Dropout(x, 0.3f, training: true, new Generator(7));
        var values = y.ToArray();
        int zeros = values.Count(v => v == 0f);
        Assert.InRange(zeros / (double)values.Length, 0.28, 0.32);
        Assert.All(values, v => Assert.True(v == 0f || Math.Abs(v - 2f / 0.7f) < 1e-6, $"{v}"));
        y.Backward(Tensor.Ones(200, 100));
        var grad = x.Grad!.ToArray();
        for (int i = 0; i < values.Length; i++) Assert.Equal(values[i] / 2f, grad[i], 6);
    }

    [Fact]
    public void DropoutIsReproducibleFromTheSeedAndPOneZeroesEverything()
    {
        var x = Random(3, 8, 9);
        Assert.Equal(Dropout(x, 0.5f, true, new Generator(5)).ToArray(), Dropout(x, 0.5f, true, new Generator(5)).ToArray());
        Assert.NotEqual(Dropout(x, 0.5f, true, new Generator(5)).ToArray(), Dropout(x, 0.5f, true, new Generator(6)).ToArray());
        Assert.All(Dropout(x, 1f, true, new Generator(5)).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ATensorUsedTwiceGetsBothGradients()
    {
        var x = Random(4, 3, 4);
        x.RequiresGrad = true;
        var y = Sum(x * x + x);
        y.Backward();
        var expected = x.ToArray().Select(v => 2 * v + 1).ToArray();
        TensorAssert.Close(expected, x.Grad!.ToArray(), 1e-6, 1e-6);
    }

    [Fact]
    public void NoGradScopeRecordsNothing()
    {
        var x = Random(5, 3);
        x.RequiresGrad = true;
        using (Graph.NoGrad())
        {
            var y = Relu(x) + 1f;
            Assert.False(y.RequiresGrad);
            Assert.Null(y.GradFn);
        }
    }

    [Fact]
    public void CompositeOpsPassFiniteDifferenceChecksInFloat32()
    {
        GradCheck.CheckOp(x => Var(x[0], [1], correction: 1), [Random(6, 3, 5)], what: "var");
        GradCheck.CheckOp(x => Pad(Slice(x[0], 1, 1, 3), [2, 1, 1, 0], 0.25f), [Random(7, 2, 4, 3)], what: "pad of slice");
        GradCheck.CheckOp(x => Softmax(Cat([x[0], x[1]], 0) * x[2], 1), [Random(8, 2, 4), Random(9, 1, 4), Random(10, 4)], what: "softmax of cat");
        GradCheck.CheckOp(x => SigmoidFocalLoss(x[0], Sigmoid(x[1])), [Random(11, 3, 4), Random(12, 3, 4)], what: "focal loss");
    }

    [Fact]
    public void SoftmaxIsStableForHugeLogits()
    {
        var x = Tensor.FromArray([1000f, 1001f, -1000f], 1, 3);
        var p = Softmax(x, 1).ToArray();
        var logp = LogSoftmax(x, 1).ToArray();
        Assert.All(p.Concat(logp), v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1.0, p.Sum(), 6);
        Assert.Equal(-2001f - MathF.Log(1 + MathF.Exp(-1)), logp[2], 2);
    }

    [Fact]
    public void OperatorsOnTensorsFollowTheOps()
    {
        var a = Random(13, 2, 3);
        var b = Random(14, 3);
        TensorAssert.Close(Add(Mul(Sub(a, b), 2f), Div(1f, Add(Abs(b), 1f))), (a - b) * 2f + 1f / (Abs(b) + 1f), 0, 0);
        TensorAssert.Close(Neg(a), -a, 0, 0);
    }
}
