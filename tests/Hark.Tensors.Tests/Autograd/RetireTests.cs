using Hark.Tensors.Backends;
using Hark.Tensors.Autograd;
using Hark.Tensors.Backends.Cpu;

namespace Hark.Tensors.Tests.Autograd;

/// <summary>Graph.Retire and the storage pool: released memory is reused, never read again, and never taken from a tensor someone else shares.</summary>
public class RetireTests
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

    // loss = sum(leaky(x * w) * v), the product and the activation retired when asked
    private static (Tensor Loss, Tensor Product, Tensor Activation) Forward(Tensor x, Tensor w, Tensor v, bool retire)
    {
        var product = Hark.Tensors.Ops.Mul(x, w);
        var activation = Hark.Tensors.Ops.LeakyRelu(product, 0.1f);
        if (retire) Graph.Retire(product);
        var weighted = Hark.Tensors.Ops.Mul(activation, v);
        if (retire) Graph.Retire(activation);
        return (Hark.Tensors.Ops.Sum(weighted), product, activation);
    }

    [Fact]
    public void Retired_intermediates_are_released_by_backward_and_the_gradients_do_not_change()
    {
        var generator = new Generator(7);
        Tensor x = Leaf(generator), w = Leaf(generator), v = Leaf(generator);
        var (expectedLoss, _, _) = Forward(x, w, v, retire: false);
        expectedLoss.Backward();
        float[] expectedX = x.Grad!.ToArray(), expectedW = w.Grad!.ToArray(), expectedV = v.Grad!.ToArray();

        for (int step = 0; step < 3; step++) // later steps reuse the released memory
        {
            x.Grad = w.Grad = v.Grad = null;
            var (loss, product, activation) = Forward(x, w, v, retire: true);
            Assert.False(((CpuStorage)product.Storage).IsReleased, "retiring while recording must wait for backward");
            loss.Backward();
            Assert.True(((CpuStorage)product.Storage).IsReleased);
            Assert.True(((CpuStorage)activation.Storage).IsReleased);
            Assert.Equal(expectedX, x.Grad!.ToArray());
            Assert.Equal(expectedW, w.Grad!.ToArray());
            Assert.Equal(expectedV, v.Grad!.ToArray());
        }
    }

    [Fact]
    public void Reading_a_released_storage_throws_a_message_that_says_so()
    {
        Tensor retired;
        using (Graph.NoGrad())
        {
            retired = Hark.Tensors.Ops.Exp(Tensor.Zeros(Length));
            Graph.Retire(retired);
        }
        var error = Assert.Throws<InvalidOperationException>(() => retired.ToArray());
        Assert.Contains("released it to the pool", error.Message);
    }

    [Fact]
    public void A_storage_shared_with_another_tensor_is_never_released()
    {
        var generator = new Generator(3);
        var x = Leaf(generator);
        var activation = Hark.Tensors.Ops.LeakyRelu(x, 0.1f);
        var flat = Hark.Tensors.Ops.Reshape(activation, [1, Length]);
        var loss = Hark.Tensors.Ops.Sum(Hark.Tensors.Ops.Mul(flat, flat));
        Graph.Retire(activation);
        loss.Backward();
        Assert.False(((CpuStorage)activation.Storage).IsReleased);
        Assert.Equal(Length, flat.ToArray().Length);

        using (Graph.NoGrad())
        {
            var kept = Hark.Tensors.Ops.Exp(x);
            var detached = kept.Detach();
            Graph.Retire(kept);
            Assert.False(((CpuStorage)kept.Storage).IsReleased);
            Assert.Equal(kept.ToArray(), detached.ToArray());
        }
    }

    [Fact]
    public void A_caller_array_is_never_taken_into_the_pool()
    {
        var data = new float[Length];
        var wrapped = Tensor.FromArray(data);
        using (Graph.NoGrad()) Graph.Retire(wrapped);
        Assert.False(((CpuStorage)wrapped.Storage).IsReleased);
        Assert.Same(data, wrapped.CpuData);
    }

    [Fact]
    public void A_zeroed_rent_of_a_returned_dirty_array_is_all_zeros()
    {
        int length = Length + 1000; // a length no other test rents
        var dirty = CpuStoragePool.Rent(length, zeroed: false);
        Array.Fill(dirty, 3f);
        CpuStoragePool.Return(dirty);
        var again = CpuStoragePool.Rent(length, zeroed: true);
        Assert.All(again, value => Assert.Equal(0f, value));
    }
}
