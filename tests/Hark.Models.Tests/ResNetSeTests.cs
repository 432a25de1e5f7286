using Hark.Tensors;
using Xunit.Abstractions;

namespace Hark.Models.Tests;

public sealed class ResNetSeTests(ITestOutputHelper output)
{
    private static readonly ResNetSeOptions Small = new() { Classes = 5, Width = 4, Stages = 3, EmbeddingSize = 16 };

    [Fact]
    public void MatchesPyTorch()
    {
        PyTorchParity.Check(dropout => new ResNetSe(dropout ? Small : Small.WithoutDropout(), new Generator(7)),
            ModelFixtures.Load("resnet_se.safetensors"), "", new ParityReport(output, "resnet-se"));
    }

    [Fact]
    public void DefaultParameterCountEqualsPyTorch()
    {
        // model_parameter_counts.json: torch's ResNetSe(1, 50): widths 32 .. 256, two blocks per stage, 256-d embedding
        Assert.Equal(2_897_698, new ResNetSe(new ResNetSeOptions(), new Generator(1)).ParameterCount());
    }

    [Theory]
    [InlineData(16, 8)]
    [InlineData(64, 8)]
    [InlineData(128, 8)]
    [InlineData(256, 16)]
    [InlineData(512, 32)]
    [InlineData(2048, 128)]
    public void SqueezeWidthIsTimms(int channels, int reduced)
    {
        Assert.Equal(reduced, SqueezeExcitation.ReducedWidth(channels, 16));
    }

    [Fact]
    public void KeysFollowTimmsSeResNet()
    {
        var keys = new ResNetSe(Small, new Generator(1)).StateDict().Keys.ToHashSet();
        Assert.Contains("conv1.weight", keys);
        Assert.Contains("layer1.1.se.fc2.bias", keys);
        Assert.Contains("layer2.0.downsample.0.weight", keys);
        Assert.Contains("layer2.0.downsample.1.running_var", keys);
        Assert.DoesNotContain("layer1.0.downsample.0.weight", keys);
        Assert.DoesNotContain("layer2.1.downsample.0.weight", keys);
        Assert.Contains("fc.weight", keys);
    }

    [Fact]
    public void TrainingStepsLowerTheLossOnAFixedBatch()
    {
        var model = new ResNetSe(Small.WithoutDropout() with { Classes = 3 }, new Generator(3));
        var (before, after) = TrainingStep.Losses(model, [4, 1, 16, 24]);
        output.WriteLine($"resnet-se loss {before:F4} -> {after:F4}");
        Assert.True(after < before, $"loss went from {before} to {after}");
    }

    [Fact]
    public void HeadIsTheClassifierOnly()
    {
        var model = new ResNetSe(Small, new Generator(1));
        Assert.Equal(["fc.weight", "fc.bias"], model.NamedParameters().Select(p => p.Key).Where(model.IsHeadParameter));
    }
}
