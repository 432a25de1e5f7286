using Hark.Tensors;
using Xunit.Abstractions;

namespace Hark.Models.Tests;

public sealed class KerasCnnTests(ITestOutputHelper output)
{
    private static readonly KerasCnnOptions Small = new() { Classes = 5, Width = 4, EmbeddingSize = 16 };

    [Fact]
    public void MatchesPyTorch()
    {
        PyTorchParity.Check(dropout => new KerasCnn(dropout ? Small : Small.WithoutDropout(), new Generator(7)),
            ModelFixtures.Load("keras_cnn.safetensors"), "", new ParityReport(output, "keras-cnn"));
    }

    [Fact]
    public void DefaultParameterCountEqualsPyTorch()
    {
        // model_parameter_counts.json: torch's KerasCnn(1, 10) with widths 32, 64, 128 and a 128-d embedding
        Assert.Equal(305_130, new KerasCnn(new KerasCnnOptions(), new Generator(1)).ParameterCount());
    }

    [Fact]
    public void KeysAreNamedLikeTheTorchModule()
    {
        var keys = new KerasCnn(Small, new Generator(1)).StateDict().Keys.ToList();
        Assert.Equal(["blocks.0.conv1.weight", "blocks.0.conv1.bias", "blocks.0.bn1.weight", "blocks.0.bn1.bias", "blocks.0.bn1.running_mean"], keys.Take(5));
        Assert.Equal(["embedding.weight", "embedding.bias", "classifier.weight", "classifier.bias"], keys.TakeLast(4));
    }

    [Fact]
    public void TrainingStepsLowerTheLossOnAFixedBatch()
    {
        var model = new KerasCnn(Small.WithoutDropout() with { Classes = 3 }, new Generator(3));
        var (before, after) = TrainingStep.Losses(model, [4, 1, 16, 24]);
        output.WriteLine($"keras-cnn loss {before:F4} -> {after:F4}");
        Assert.True(after < before, $"loss went from {before} to {after}");
    }

    [Fact]
    public void SeveralInputsAreStackedAsChannels()
    {
        var model = new KerasCnn(Small with { InputCount = 2, InputChannels = 3 }, new Generator(1));
        Assert.Equal([4, 6, 3, 3], model.Blocks[0].Conv1.Weight.Shape);
        var generator = new Generator(2);
        model.Eval();
        var logits = model.Forward([TrainingStep.Gaussian(generator, 2, 3, 8, 8), TrainingStep.Gaussian(generator, 2, 3, 8, 8)]);
        Assert.Equal([2, 5], logits.Shape);
        var error = Assert.Throws<ShapeException>(() => model.Forward([TrainingStep.Gaussian(generator, 2, 3, 8, 8)]));
        Assert.Contains("expected 2 input tensor(s)", error.Message);
    }

    [Fact]
    public void KerasInitialisationIsGlorotWithZeroBiases()
    {
        var model = new KerasCnn(new KerasCnnOptions(), new Generator(5));
        var weight = model.Blocks[2].Conv2.Weight.ToArray(); // [128, 128, 3, 3]: fan_in = fan_out = 1152
        double bound = Math.Sqrt(6.0 / (1152 + 1152));
        Assert.All(weight, w => Assert.InRange(w, -bound, bound));
        Assert.InRange(weight.Max(), 0.95 * bound, bound);
        Assert.All(model.Blocks[2].Conv2.Bias!.ToArray(), b => Assert.Equal(0f, b));
        Assert.All(model.Classifier.Bias!.ToArray(), b => Assert.Equal(0f, b));
    }

    [Fact]
    public void TorchInitialisationKeepsPyTorchsLayerDefaults()
    {
        var model = new KerasCnn(new KerasCnnOptions { Init = KerasCnnInit.Torch }, new Generator(5));
        // kaiming_uniform(a=sqrt(5)) gives U(±1/sqrt(fan_in)) for weights and biases alike; fan_in = 128 * 9
        double bound = 1 / Math.Sqrt(1152);
        var weight = model.Blocks[2].Conv2.Weight.ToArray();
        Assert.All(weight, w => Assert.InRange(w, -bound, bound));
        Assert.InRange(weight.Max(), 0.95 * bound, bound);
        var bias = model.Blocks[2].Conv2.Bias!.ToArray();
        Assert.All(bias, b => Assert.InRange(b, -bound, bound));
        Assert.Contains(bias, b => b != 0f);
    }
}
