using System.Text.Json;
using Hark.Nn.Checkpoints;
using Hark.Tensors;
using Xunit.Abstractions;

namespace Hark.Models.Tests;

/// <summary>
/// torchvision's resnet50, efficientnet_v2_s and efficientnet_v2_m against torchvision itself
/// (Fixtures/generate_backbone_fixtures.py, narrow versions of torchvision's own classes): the state dicts load by
/// name from .pth and .safetensors, evaluation logits and embeddings, a training-mode pass's logits, loss and every
/// parameter gradient (dropout and stochastic depth off), running statistics after it (<see cref="PyTorchParity"/>).
/// The reference is computed in float64; each output must lie within 1e-4 of its tensor's scale (1e-4 x max(1, max
/// |expected|)) plus 1e-4 of each element. The fixtures are shallow enough to be well conditioned (PyTorch's own float32
/// pass stays within 1.5e-5 of that scale). Full-size parameter counts equal torchvision's.
/// </summary>
public sealed class BackboneTests(ITestOutputHelper output)
{
    private static readonly ResNetOptions SmallResNet = new() { Classes = 5, Blocks = [2, 1, 1, 1], Width = 4, StemWidth = 16, Input = ImageInputOptions.AsGiven };

    private static EfficientNetV2Options Narrow(EfficientNetV2Options preset, double depth) =>
        preset.Scaled(1.0 / 16, depth) with { Classes = 5, Input = ImageInputOptions.AsGiven };

    private static EfficientNetV2Options Deterministic(EfficientNetV2Options options) => options with { Dropout = 0, StochasticDepth = 0 };

    public static TheoryData<string> Networks() => ["resnet_w4", "efficientnet_v2_s_tiny", "efficientnet_v2_m_tiny"];

    private static AudioClassifier Create(string name, bool dropout) => name switch
    {
        "resnet_w4" => new ResNet(SmallResNet, new Generator(5)),
        "efficientnet_v2_s_tiny" => new EfficientNetV2(Narrow(EfficientNetV2Options.Small, 0.3) is var s && dropout ? s : Deterministic(s), new Generator(5)),
        _ => new EfficientNetV2(Narrow(EfficientNetV2Options.Medium, 0.15) is var m && dropout ? m : Deterministic(m), new Generator(5)),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void MatchesTorchvision(string name)
    {
        var fixture = ModelFixtures.Load("backbones.safetensors").Under(name + ".").ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (key, value) in StateDictFile.Read(Path.Combine(ModelFixtures.Directory, name + ".safetensors")))
            fixture["state." + key] = value;
        PyTorchParity.Check(dropout => Create(name, dropout), fixture, "", new ParityReport(output, name),
            atol: (_, expected) => 1e-4 * Math.Max(1, expected.ToArray().Max(Math.Abs)));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ThePthAndTheSafetensorsFileHoldTheSameStateDict(string name)
    {
        var pth = StateDictFile.Read(Path.Combine(ModelFixtures.Directory, name + ".pth")).ToList();
        var safetensors = StateDictFile.Read(Path.Combine(ModelFixtures.Directory, name + ".safetensors")).ToList();
        Assert.Equal(safetensors.Select(kv => kv.Key), pth.Select(kv => kv.Key));
        for (int i = 0; i < pth.Count; i++) Assert.Equal(safetensors[i].Value.ToArray(), pth[i].Value.ToArray());
        Assert.Equal(Create(name, true).StateDict().Keys, pth.Select(kv => kv.Key));
    }

    [Fact]
    public void FullSizeParameterCountsEqualTorchvision()
    {
        using var counts = JsonDocument.Parse(File.ReadAllText(Path.Combine(ModelFixtures.Directory, "backbone_parameter_counts.json")));
        var expected = counts.RootElement.GetProperty("parameters");
        Assert.Equal(expected.GetProperty("resnet50").GetInt64(), new ResNet(new ResNetOptions(), new Generator(1)).ParameterCount());
        Assert.Equal(expected.GetProperty("efficientnet_v2_s").GetInt64(), new EfficientNetV2(EfficientNetV2Options.Small, new Generator(1)).ParameterCount());
        Assert.Equal(expected.GetProperty("efficientnet_v2_m").GetInt64(), new EfficientNetV2(EfficientNetV2Options.Medium, new Generator(1)).ParameterCount());
    }

    [Theory]
    [InlineData(ImageChannels.Repeat, "repeat")]
    [InlineData(ImageChannels.Deltas, "deltas")]
    public void TheImageInputMatchesTorchsInterpolateAndComputeDeltas(ImageChannels channels, string name)
    {
        var fixture = ModelFixtures.Load("backbones.safetensors");
        var image = new SpectrogramImage(new ImageInputOptions { Channels = channels, Size = 40 }).Forward(fixture["image_input.logmel"]);
        new ParityReport(output, "image input").Close(fixture[$"image_input.{name}"], image, name, atol: 1e-5);
    }

    [Fact]
    public void StochasticDepthDropsResidualBranchesOnlyInTraining()
    {
        var options = Narrow(EfficientNetV2Options.Small, 0.3) with { Dropout = 0, StochasticDepth = 0.9 };
        var model = new EfficientNetV2(options, new Generator(3));
        var x = TrainingStep.Gaussian(new Generator(4), 4, 3, 32, 32);
        model.Eval();
        Assert.Equal(model.Forward([x]).ToArray(), model.Forward([x]).ToArray());
        model.Train();
        Assert.NotEqual(model.Forward([x]).ToArray(), model.Forward([x]).ToArray());
    }
}
