using Hark.Tensors.Backends;
using Hark.Tensors.Autograd;

namespace Hark.Tensors.Tests.Autograd;

public class GraphTests
{
    // y = x * x elementwise, written against the raw recording API so the graph is tested apart from any op.
    private static Tensor Square(Tensor x)
    {
        var y = Tensor.EmptyLike(x);
        for (int i = 0; i < x.Numel; i++) y.Span[i] = x.Span[i] * x.Span[i];
        Graph.Record(y, "square", [x], (dy, grads) =>
        {
            if (!grads.Wants(0)) return;
            var dx = grads.Buffer(0);
            for (int i = 0; i < x.Numel; i++) dx.Span[i] += 2 * x.Span[i] * dy.Span[i];
        });
        return y;
    }

    private static Tensor Sum(Tensor x)
    {
        var y = Tensor.Scalar(x.Span.ToArray().Sum());
        Graph.Record(y, "sum", [x], (dy, grads) =>
        {
            if (!grads.Wants(0)) return;
            var dx = grads.Buffer(0);
            for (int i = 0; i < x.Numel; i++) dx.Span[i] += dy.Span[0];
        });
        return y;
    }

    private static Tensor Leaf(params float[] values) => new(new CpuStorage(values), values.Length) { RequiresGrad = true };

    [Fact]
    public void BackwardThroughAChainGivesTheChainRule()
    {
        var x = Leaf(1, -2, 3);
        Sum(Square(Square(x))).Backward(); // d/dx x^4 = 4x^3
        Assert.Equal([4f, -32f, 108f], x.Grad!.ToArray());
    }

    [Fact]
    public void ATensorUsedTwiceReceivesBothContributions()
    {
        var x = Leaf(2, 3);
        var y = Square(x);
        var z = Sum(Add(y, y)); // 2 x^2 -> 4x
        z.Backward();
        Assert.Equal([8f, 12f], x.Grad!.ToArray());
    }

    [Fact]
    public void GradientsAccumulateAcrossBackwardCallsUntilZeroed()
    {
        var x = Leaf(1, 2);
        Sum(Square(x)).Backward();
        Sum(Square(x)).Backward();
        Assert.Equal([4f, 8f], x.Grad!.ToArray());
    }

    [Fact]
    public void NoGradRecordsNothingAndRestoresOnDispose()
    {
        var x = Leaf(1);
        using (Graph.NoGrad())
        {
            var y = Square(x);
            Assert.False(y.RequiresGrad);
            Assert.Null(y.GradFn);
        }
        Assert.True(Graph.IsEnabled);
        Assert.NotNull(Square(x).GradFn);
    }

    [Fact]
    public void DetachCutsTheGraph()
    {
        var x = Leaf(3);
        var y = Square(x).Detach();
        Assert.False(y.RequiresGrad);
        Assert.True(y.IsLeaf);
    }

    [Fact]
    public void SecondBackwardThroughAFreedGraphIsRefusedWithTheOpName()
    {
        var x = Leaf(1, 2);
        var y = Square(x);
        Sum(y).Backward();
        var error = Assert.Throws<InvalidOperationException>(() => Sum(y).Backward());
        Assert.Contains("square", error.Message);
    }

    [Fact]
    public void NonScalarBackwardWithoutAGradientNamesTheShape()
    {
        var error = Assert.Throws<ShapeException>(() => Square(Leaf(1, 2)).Backward());
        Assert.Contains("[2]", error.Message);
    }

    private static Tensor Add(Tensor a, Tensor b)
    {
        var y = Tensor.EmptyLike(a);
        for (int i = 0; i < a.Numel; i++) y.Span[i] = a.Span[i] + b.Span[i];
        Graph.Record(y, "add", [a, b], (dy, grads) =>
        {
            for (int k = 0; k < 2; k++)
            {
                if (!grads.Wants(k)) continue;
                var d = grads.Buffer(k);
                for (int i = 0; i < d.Numel; i++) d.Span[i] += dy.Span[i];
            }
        });
        return y;
    }
}
