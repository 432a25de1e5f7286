using Hark.Tensors;
using Hark.Tensors.Autograd;
using Hark.Tensors.Backends.Cpu;
using Hark.Nn.Optim;

namespace Hark.Models.Tests;

/// <summary>
/// A batch run inside a <see cref="MemoryScope"/> gives its pooled tensors back to the storage pool when the scope ends
/// (a training step: as backward passes them), so later batches of the same shape run entirely on recycled memory, with no
/// release call in model code. A forward that held on to an activation would leave it to the garbage collector, and a
/// server or a training run would grow by that much with every batch until a full collection.
/// Alone in its collection, so that no test running beside it borrows pooled arrays of the same lengths.
/// </summary>
[Collection(nameof(InferenceMemoryTests))]
public sealed class InferenceMemoryTests
{
    public static TheoryData<string> Architectures => new() { "keras-cnn", "resnet-se", "cnn14", "resnet38" };

    // widths at which the activations of a [4, 1, 64, 64] batch, up to the last block's output, are long enough to be pooled
    private static AudioClassifier Build(string architecture) => architecture switch
    {
        "keras-cnn" => new KerasCnn(new KerasCnnOptions { Classes = 5, Width = 16, EmbeddingSize = 16 }, new Generator(1)),
        "resnet-se" => new ResNetSe(new ResNetSeOptions { Classes = 5, Width = 8, Stages = 3, EmbeddingSize = 16 }, new Generator(1)),
        "cnn14" => new PannsCnn(new PannsOptions { Classes = 5, MelBins = 64, Width = 4 }, new Generator(1)),
        "resnet38" => new ResNet38(new PannsOptions { Classes = 5, MelBins = 64, Width = 4 }, new Generator(1)),
        _ => throw new ArgumentException(architecture),
    };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void RepeatedInferenceBatchesAllocateNoPooledMemory(string architecture)
    {
        var model = Build(architecture);
        model.Eval();
        var generator = new Generator(5);
        var batch = Tensor.Empty([4, 1, 64, 64]);
        for (int i = 0; i < batch.Numel; i++) batch.Span[i] = (float)generator.NextGaussian();
        using var _ = Graph.NoGrad();
        float[] Infer()
        {
            using var scope = MemoryScope.Begin();
            return model.Forward([batch]).ToArray();
        }
        long before = CpuPoolStatistics.TensorAllocationsOnThisThread;
        var first = Infer();
        Assert.True(CpuPoolStatistics.TensorAllocationsOnThisThread > before, $"{architecture}: the first batch allocated no pooled activation, so this test checks nothing");

        // one kept activation can be lent back by the pool for a batch or two (another of its length was released), so run several
        before = CpuPoolStatistics.TensorAllocationsOnThisThread;
        for (int repeat = 0; repeat < 4; repeat++) Assert.Equal(first, Infer());
        Assert.Equal(0, CpuPoolStatistics.TensorAllocationsOnThisThread - before);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void RepeatedTrainingStepsAllocateNoPooledMemory(string architecture)
    {
        var model = Build(architecture);
        var optimizer = new AdamW(model.Parameters(), lr: 1e-3);
        var generator = new Generator(6);
        var batch = Tensor.Empty([3, 1, 64, 64]); // not the inference test's batch size, so neither lends the other pooled arrays
        for (int i = 0; i < batch.Numel; i++) batch.Span[i] = (float)generator.NextGaussian();
        int[] labels = [0, 1, 2];
        void Step()
        {
            using var scope = MemoryScope.Begin();
            var loss = Ops.CrossEntropy(model.Forward([batch]), labels);
            loss.Backward(); // gradients accumulate into the same tensors: zeroing them to null would drop them to the collector
            optimizer.Step();
        }
        for (int warmUp = 0; warmUp < 2; warmUp++) Step(); // the optimiser's state and the gradients are made once
        long before = CpuPoolStatistics.TensorAllocationsOnThisThread;
        for (int repeat = 0; repeat < 4; repeat++) Step();
        Assert.Equal(0, CpuPoolStatistics.TensorAllocationsOnThisThread - before);
    }
}

[CollectionDefinition(nameof(InferenceMemoryTests), DisableParallelization = true)]
public sealed class InferenceMemoryCollection;
