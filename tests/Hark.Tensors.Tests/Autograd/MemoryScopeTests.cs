using Hark.Tensors.Backends;
using Hark.Tensors.Autograd;
using Hark.Tensors.Backends.Cpu;

namespace Hark.Tensors.Tests.Autograd;

/// <summary>MemoryScope and the storage pool: released memory is reused, never read again, and never taken from a tensor someone else shares or that outlives the step.</summary>
public class MemoryScopeTests
{
    // large enough to be pooled, odd so no vector width divides it
    private const int Length = CpuStoragePool.MinimumLength + 37;

    private static Tensor Leaf(Generator generator)
    {
        var x = Tensor.Empty([Length]);
        for (int i = 0; i < Length; i++) x.Span[i] = (float)generator.NextGaussian();
        x.RequiresGrad = true;
        return x;
    }

    // loss = sum(leaky(x * w) * v)
    private static (Tensor Loss, Tensor Product, Tensor Activation) Forward(Tensor x, Tensor w, Tensor v)
    {
        var product = Hark.Tensors.Ops.Mul(x, w);
        var activation = Hark.Tensors.Ops.LeakyRelu(product, 0.1f);
        var weighted = Hark.Tensors.Ops.Mul(activation, v);
        return (Hark.Tensors.Ops.Sum(weighted), product, activation);
    }

    private static bool Released(Tensor t) => ((CpuStorage)t.Storage).IsReleased;

    [Fact]
    public void ATrainingStepScopeReleasesIntermediatesAsBackwardPassesThemAndTheGradientsDoNotChange()
    {
        var generator = new Generator(7);
        Tensor x = Leaf(generator), w = Leaf(generator), v = Leaf(generator);
        var (expectedLoss, _, _) = Forward(x, w, v);
        expectedLoss.Backward();
        float[] expectedX = x.Grad!.ToArray(), expectedW = w.Grad!.ToArray(), expectedV = v.Grad!.ToArray();

        for (int step = 0; step < 3; step++) // later steps reuse the released memory
        {
            x.Grad = w.Grad = v.Grad = null;
            using (MemoryScope.Begin())
            {
                var (loss, product, activation) = Forward(x, w, v);
                Assert.False(Released(product), "the forward must keep its intermediates until backward");
                loss.Backward();
                Assert.True(Released(product));
                Assert.True(Released(activation));
                Assert.Equal(expectedLoss.Item(), loss.Item()); // the tensor backward started from lives to the end of the scope
            }
            Assert.False(Released(x.Grad!), "parameter gradients outlive the step");
            Assert.Equal(expectedX, x.Grad!.ToArray());
            Assert.Equal(expectedW, w.Grad!.ToArray());
            Assert.Equal(expectedV, v.Grad!.ToArray());
        }
    }

    [Fact]
    public void TheEndOfAStepReleasesWhatBackwardNeverReachedExceptWhatWasKept()
    {
        var generator = new Generator(9);
        var x = Leaf(generator);
        Tensor unused, kept;
        using (var scope = MemoryScope.Begin())
        {
            unused = Hark.Tensors.Ops.Exp(x);
            kept = scope.Keep(Hark.Tensors.Ops.Sigmoid(x));
            Hark.Tensors.Ops.Sum(Hark.Tensors.Ops.Mul(x, x)).Backward();
            Assert.False(Released(unused));
        }
        Assert.True(Released(unused));
        Assert.False(Released(kept));
        Assert.Equal(Length, kept.ToArray().Length);
    }

    [Fact]
    public void AnInferenceScopeReleasesEveryTensorMadeInsideItButNotThoseMadeBefore()
    {
        var input = Tensor.Full([Length], 0.5f);
        Tensor hidden, output;
        using (Graph.NoGrad())
        using (MemoryScope.Begin())
        {
            hidden = Hark.Tensors.Ops.Exp(input);
            output = Hark.Tensors.Ops.Sigmoid(hidden);
            Assert.False(Released(hidden));
        }
        Assert.True(Released(hidden));
        Assert.True(Released(output));
        Assert.False(Released(input));
    }

    [Fact]
    public void ReadingAReleasedStorageThrowsAMessageThatSaysSo()
    {
        Tensor released;
        using (Graph.NoGrad())
        using (MemoryScope.Begin())
            released = Hark.Tensors.Ops.Exp(Tensor.Zeros(Length));
        var error = Assert.Throws<InvalidOperationException>(() => released.ToArray());
        Assert.Contains("released it to the pool", error.Message);
    }

    [Fact]
    public void AStorageSharedWithAnotherTensorIsNeverReleased()
    {
        var generator = new Generator(3);
        var x = Leaf(generator);
        Tensor activation, flat;
        using (MemoryScope.Begin())
        {
            activation = Hark.Tensors.Ops.LeakyRelu(x, 0.1f);
            flat = Hark.Tensors.Ops.Reshape(activation, [1, Length]);
            Hark.Tensors.Ops.Sum(Hark.Tensors.Ops.Mul(flat, flat)).Backward();
        }
        Assert.False(Released(activation));
        Assert.Equal(Length, flat.ToArray().Length);

        Tensor exp, detached;
        using (Graph.NoGrad())
        using (MemoryScope.Begin())
        {
            exp = Hark.Tensors.Ops.Exp(x);
            detached = exp.Detach();
        }
        Assert.False(Released(exp));
        Assert.Equal(exp.ToArray(), detached.ToArray());
    }

    [Fact]
    public void ACallerArrayIsNeverTakenIntoThePool()
    {
        var data = new float[Length];
        Tensor wrapped;
        using (Graph.NoGrad())
        using (MemoryScope.Begin())
            wrapped = Tensor.FromArray(data);
        Assert.False(Released(wrapped));
        Assert.Same(data, wrapped.CpuData);
    }

    [Fact]
    public void AZeroedRentOfAReturnedDirtyArrayIsAllZeros()
    {
        int length = Length + 1000; // a length no other test rents
        var dirty = CpuStoragePool.Rent(length, zeroed: false);
        Array.Fill(dirty, 3f);
        CpuStoragePool.Return(dirty);
        var again = CpuStoragePool.Rent(length, zeroed: true);
        Assert.All(again, value => Assert.Equal(0f, value));
    }
}
