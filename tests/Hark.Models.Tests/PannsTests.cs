using Hark.Tensors;
using Xunit.Abstractions;

namespace Hark.Models.Tests;

/// <summary>
/// Cnn10, ResNet38 and Cnn14_DecisionLevelAtt against PANNs' code in PyTorch (Fixtures/generate_panns_fixtures.py,
/// panns_models.safetensors: width 1, 32 mels, 101 frames, PANNs' state dicts with their extractor and bn_att keys).
/// Cnn14 itself is checked by <see cref="Cnn14Tests"/>.
/// </summary>
public sealed class PannsTests(ITestOutputHelper output)
{
    private static readonly PannsOptions Small = new() { Classes = 5, MelBins = 32, Width = 1 };

    private static PannsClassifier Create(string name, PannsOptions options) => name switch
    {
        "cnn10" => new PannsCnn(options, new Generator(7), PannsCnn.Cnn10Blocks),
        "resnet38" => new ResNet38(options, new Generator(7)),
        "cnn14-decision-level-att" => new PannsCnn(options with { Pooling = ClipPooling.Attention }, new Generator(7)),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("cnn10")]
    [InlineData("resnet38")]
    [InlineData("cnn14-decision-level-att")]
    public void MatchesPyTorch(string name)
    {
        PyTorchParity.Check(dropout => Create(name, dropout ? Small : Small.WithoutDropout()), ModelFixtures.Load("panns_models.safetensors"),
            name + ".", new ParityReport(output, name), statePrefix: name + ".state.");
    }

    [Theory]
    [InlineData("cnn10")]
    [InlineData("resnet38")]
    [InlineData("cnn14-decision-level-att")]
    public void InferenceWithoutAutogradGivesTheSameOutputs(string name)
    {
        // under NoGrad every retired activation goes back to the pool at once: a forward that retired one too early would show here
        var fixture = ModelFixtures.Load("panns_models.safetensors");
        var model = Create(name, Small);
        model.LoadPannsStateDict(fixture.Under(name + ".state."), loadHead: true);
        model.Eval();
        using var _ = Hark.Tensors.Autograd.Graph.NoGrad();
        var report = new ParityReport(output, name + " (no grad)");
        report.Close(fixture[name + ".eval.logits"], model.Forward([fixture["input"]]), "eval logits");
        report.Close(fixture[name + ".eval.embedding"], model.Embed([fixture["input"]]), "eval embedding");
    }

    [Theory]
    [InlineData("panns_cnn10.pth")]
    [InlineData("panns_cnn10_model.pth")]
    public void LoadsPannsPthFiles(string file)
    {
        var fixture = ModelFixtures.Load("panns_models.safetensors");
        var model = Create("cnn10", Small);
        var result = model.LoadPannsCheckpoint(Path.Combine(ModelFixtures.Directory, file), loadHead: true);
        Assert.Empty(result.MissingKeys);
        model.Eval();
        new ParityReport(output, "cnn10 from " + file).Close(fixture["cnn10.eval.logits"], model.Forward([fixture["input"]]), "eval logits");
    }

    [Theory]
    [InlineData("cnn10")]
    [InlineData("resnet38")]
    public void PannsSizeParameterCountEqualsPyTorch(string name)
    {
        // panns_parameter_counts.json: torch's counts (a float32 tensor would round 73,783,247 to 73,783,248)
        using var counts = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(ModelFixtures.Directory, "panns_parameter_counts.json")));
        long expected = counts.RootElement.GetProperty(name).GetInt64();
        Assert.Equal(expected, Create(name, new PannsOptions()).ParameterCount());
    }

    [Fact]
    public void FramewiseOutputIsPannsInterpolatedAndPadded()
    {
        var fixture = ModelFixtures.Load("panns_models.safetensors");
        var model = Create("cnn14-decision-level-att", Small);
        model.LoadPannsStateDict(fixture.Under("cnn14-decision-level-att.state."), loadHead: true);
        model.Eval();
        var input = fixture["input"];
        var framewise = model.Framewise([input]);
        // 101 frames: 3 segments of 32 frames, then the last segment repeated for the 5 frames left
        Assert.Equal([2, 101, 5], framewise.Shape);
        new ParityReport(output, "cnn14-decision-level-att").Close(fixture["cnn14-decision-level-att.eval.framewise"], framewise, "eval framewise");
    }

    [Fact]
    public void TheZooRecognisesEachPannsCheckpoint()
    {
        var fixture = ModelFixtures.Load("panns_models.safetensors");
        foreach (var name in new[] { "cnn10", "resnet38", "cnn14-decision-level-att" })
            Assert.Equal(name, ModelZoo.RecognisePanns(fixture.Under(name + ".state.")));
        var cnn14 = ModelFixtures.Load("cnn14.safetensors").Under("state.").Where(kv => !kv.Key.StartsWith("att_block.", StringComparison.Ordinal)).ToList();
        Assert.Equal("cnn14", ModelZoo.RecognisePanns(cnn14.Append(new("spectrogram_extractor.stft.conv_real.weight", Tensor.Zeros(513, 1, 1024)))));
        Assert.Equal("cnn14-16k", ModelZoo.RecognisePanns(cnn14.Append(new("spectrogram_extractor.stft.conv_real.weight", Tensor.Zeros(257, 1, 512)))));
        Assert.Null(ModelZoo.RecognisePanns(ModelFixtures.Load("resnet_se.safetensors").Under("state.")));
    }

    [Fact]
    public void FramewiseOutputNeedsTheAttentionHead()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Create("cnn10", Small).Framewise([Tensor.Zeros(1, 1, 32, 64)]));
        Assert.Contains("decision-level attention head", error.Message);
    }

    [Fact]
    public void AClipShorterThanTheDownsamplingIsRefusedNamingIt()
    {
        var error = Assert.Throws<ShapeException>(() => Create("resnet38", Small).Forward([Tensor.Zeros(1, 1, 32, 31)]));
        Assert.Contains("frames >= 32", error.Message);
    }

    [Fact]
    public void ResNet38KeysArePannsNames()
    {
        var keys = Create("resnet38", Small).StateDict().Keys.ToList();
        Assert.Contains("resnet.layer1.2.bn2.running_var", keys);
        Assert.Contains("resnet.layer2.0.downsample.1.weight", keys);
        Assert.Contains("resnet.layer2.0.downsample.2.running_mean", keys);
        Assert.DoesNotContain(keys, k => k.StartsWith("resnet.layer1.0.downsample", StringComparison.Ordinal));
        Assert.Equal(["conv_block_after1.bn2.num_batches_tracked", "fc1.weight", "fc1.bias", "fc_audioset.weight", "fc_audioset.bias"], keys.TakeLast(5));
    }

    [Fact]
    public void ResNet38StartsWithEachResidualBlockAsItsShortcut()
    {
        var model = (ResNet38)Create("resnet38", Small);
        foreach (var layer in model.Resnet.Layers)
            for (int i = 0; i < layer.Count; i++)
                Assert.All(((PannsResidualBlock)layer[i]).Bn2.Weight!.ToArray(), w => Assert.Equal(0f, w));
    }

    [Theory]
    [InlineData("cnn10")]
    [InlineData("resnet38")]
    public void TrainingStepsLowerTheLossOnAFixedBatch(string name)
    {
        var model = Create(name, Small.WithoutDropout() with { Classes = 3 });
        var (before, after) = TrainingStep.Losses(model, [4, 1, 32, 64]);
        output.WriteLine($"{name} loss {before:F4} -> {after:F4}");
        Assert.True(after < before, $"loss went from {before} to {after}");
    }
}
