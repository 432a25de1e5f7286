using Hark.Tensors;
using Hark.Tensors.Autograd;
using Hark.Tensors.Backends.Cpu;

namespace Hark.Models.Tests;

/// <summary>
/// Under NoGrad a model gives each pooled activation back to the storage pool once the next layer has read it, so a
/// later batch of the same shape runs entirely on recycled memory. A forward that dropped one instead would leave it to
/// the garbage collector, and a server would grow by that much with every batch until a full collection.
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
    public void Repeated_inference_batches_allocate_no_pooled_memory(string architecture)
    {
        var model = Build(architecture);
        model.Eval();
        var generator = new Generator(5);
        var batch = Tensor.Empty([4, 1, 64, 64]);
        for (int i = 0; i < batch.Numel; i++) batch.Span[i] = (float)generator.NextGaussian();
        using var _ = Graph.NoGrad();
        long before = CpuPoolStatistics.TensorAllocationsOnThisThread;
        var first = model.Forward([batch]).ToArray();
        Assert.True(CpuPoolStatistics.TensorAllocationsOnThisThread > before, $"{architecture}: the first batch allocated no pooled activation, so this test checks nothing");

        // one kept activation can be lent back by the pool for a batch or two (another of its length was released), so run several
        before = CpuPoolStatistics.TensorAllocationsOnThisThread;
        for (int repeat = 0; repeat < 4; repeat++) Assert.Equal(first, model.Forward([batch]).ToArray());
        Assert.Equal(0, CpuPoolStatistics.TensorAllocationsOnThisThread - before);
    }
}

[CollectionDefinition(nameof(InferenceMemoryTests), DisableParallelization = true)]
public sealed class InferenceMemoryCollection;
