using Hark.Tensors;
using Xunit.Abstractions;

namespace Hark.Models.Tests;

/// <summary>
/// timm's tf_efficientnetv2_s / tf_efficientnetv2_m state dicts (Fixtures/generate_timm_fixtures.py: timm's blocks
/// re-implemented with timm's names, reduced to channel multiplier 1/32, random weights and BN statistics) load through
/// <see cref="BackboneCheckpoint"/> with timm's own keys: the sizes, TensorFlow "same" padding and BN eps come from the
/// checkpoint, every key loads, and the evaluation logits match the float64 reference within 1e-4 (+ 1e-4 relative).
/// </summary>
public sealed class TimmEfficientNetV2Tests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Networks() => new() { { "tf_efficientnetv2_s_tiny", "efficientnet-v2-s" }, { "tf_efficientnetv2_m_tiny", "efficientnet-v2-m" } };

    private static (EfficientNetV2 Model, BackboneCheckpoint Checkpoint) Load(string fixture, string modelName, bool? tfSamePadding = null)
    {
        var checkpoint = BackboneCheckpoint.Read(Path.Combine(ModelFixtures.Directory, fixture + ".safetensors"));
        var config = new ModelConfig { Name = modelName, TfSamePadding = tfSamePadding };
        checkpoint.Configure(config);
        var preset = modelName == "efficientnet-v2-m" ? EfficientNetV2Options.Medium : EfficientNetV2Options.Small;
        var options = preset.Scaled(config.WidthMultiplier!.Value, config.DepthMultiplier!.Value) with
        {
            Classes = 5,
            BatchNormEps = config.BatchNormEps!.Value,
            TfSamePadding = config.TfSamePadding!.Value,
            Input = ImageInputOptions.AsGiven,
        };
        var model = new EfficientNetV2(options, new Generator(7));
        var result = model.LoadBodyStateDict(checkpoint.Tensors, loadHead: true, fixture);
        Assert.Empty(result.MissingKeys);
        Assert.Empty(result.UnexpectedKeys);
        model.Eval();
        return (model, checkpoint);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TimmKeysLoadAndTheLogitsMatchTimm(string fixture, string modelName)
    {
        var (model, checkpoint) = Load(fixture, modelName);
        Assert.True(checkpoint.FromTimm);
        Assert.True(model.Options.TfSamePadding);
        Assert.Equal(BackboneCheckpoint.TimmBatchNormEps, model.Options.BatchNormEps);
        var expected = ModelFixtures.Load("timm_efficientnetv2.safetensors").Under(fixture + ".").ToDictionary(kv => kv.Key, kv => kv.Value);
        new ParityReport(output, fixture).Close(expected["eval.logits"], model.Forward([expected["input"]]), "eval logits");
    }

    [Fact]
    public void TorchvisionsSymmetricPaddingGivesOtherLogits()
    {
        var (model, _) = Load("tf_efficientnetv2_s_tiny", "efficientnet-v2-s", tfSamePadding: false);
        var expected = ModelFixtures.Load("timm_efficientnetv2.safetensors").Under("tf_efficientnetv2_s_tiny.").ToDictionary(kv => kv.Key, kv => kv.Value);
        var logits = model.Forward([expected["input"]]).ToArray();
        Assert.True(logits.Zip(expected["eval.logits"].ToArray(), (a, e) => Math.Abs(a - e)).Max() > 1e-3);
    }

    [Fact]
    public void TfSamePaddingPadsAsTensorFlow()
    {
        Assert.Equal(1, Conv2dNormActivation.SamePadding(32, 3, 2));
        Assert.Equal(2, Conv2dNormActivation.SamePadding(25, 3, 2));
        Assert.Equal(2, Conv2dNormActivation.SamePadding(7, 3, 1));
        Assert.Equal(0, Conv2dNormActivation.SamePadding(4, 1, 2));
    }

    [Fact]
    public void OtherTimmVariantsAreRefusedNamingTheSupportedOnes()
    {
        var rw = Assert.Throws<ArgumentException>(() => TimmEfficientNetV2Keys.RequireSupported(["conv_stem.weight", "blocks.0.0.conv_exp.weight", "conv_head.weight"], "rw.safetensors"));
        Assert.Contains("efficientnetv2_rw_*", rw.Message);
        Assert.Contains("tf_efficientnetv2_s, tf_efficientnetv2_m", rw.Message);
        var b0 = Assert.Throws<ArgumentException>(() => TimmEfficientNetV2Keys.RequireSupported(["conv_stem.weight", "blocks.0.0.conv_dw.weight", "conv_head.weight"], "b0.safetensors"));
        Assert.Contains("b0.safetensors", b0.Message);
        Assert.Contains("tf_efficientnetv2_s, tf_efficientnetv2_m", b0.Message);
    }

    [Fact]
    public void ATimmCheckpointRefusesResNet50()
    {
        var checkpoint = BackboneCheckpoint.Read(Path.Combine(ModelFixtures.Directory, "tf_efficientnetv2_s_tiny.safetensors"));
        var error = Assert.Throws<ArgumentException>(() => checkpoint.Configure(new ModelConfig { Name = "resnet50" }));
        Assert.Contains("efficientnet-v2-s or efficientnet-v2-m", error.Message);
    }
}
