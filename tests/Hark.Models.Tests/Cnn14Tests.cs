using Hark.Nn;
using Hark.Tensors;
using Hark.Tensors.Serialization;
using Xunit.Abstractions;

namespace Hark.Models.Tests;

public sealed class Cnn14Tests(ITestOutputHelper output)
{
    private static readonly PannsOptions Small = new() { Classes = 5, MelBins = 32, Width = 2 };

    [Theory]
    [InlineData(ClipPooling.MeanMax, AttentionActivation.Sigmoid, "mean_max.")]
    [InlineData(ClipPooling.Attention, AttentionActivation.Sigmoid, "attention_sigmoid.")]
    [InlineData(ClipPooling.Attention, AttentionActivation.Linear, "attention_linear.")]
    public void MatchesPyTorch(ClipPooling pooling, AttentionActivation activation, string prefix)
    {
        var options = Small with { Pooling = pooling, AttentionActivation = activation };
        PyTorchParity.Check(dropout => new PannsCnn(dropout ? options : options.WithoutDropout(), new Generator(7)),
            ModelFixtures.Load("cnn14.safetensors"), prefix, new ParityReport(output, "cnn14 " + prefix.TrimEnd('.')));
    }

    [Fact]
    public void PannsSizeParameterCountEqualsPyTorch()
    {
        // model_parameter_counts.json: PANNs' Cnn14 for AudioSet (527 classes, 64 mels, widths 64 .. 2048) without its
        // extractor. Built once (80M weights take a while to initialise); both heads' counts are checked at small width by MatchesPyTorch.
        Assert.Equal(80_753_615, new PannsCnn(new PannsOptions(), new Generator(1)).ParameterCount());
    }

    [Fact]
    public void KeysArePannsNamesInPannsOrder()
    {
        var keys = new PannsCnn(Small, new Generator(1)).StateDict().Keys.ToList();
        Assert.Equal(["bn0.weight", "bn0.bias", "bn0.running_mean", "bn0.running_var", "bn0.num_batches_tracked",
            "conv_block1.conv1.weight", "conv_block1.conv2.weight", "conv_block1.bn1.weight"], keys.Take(8));
        Assert.Equal(["conv_block6.bn2.num_batches_tracked", "fc1.weight", "fc1.bias", "fc_audioset.weight", "fc_audioset.bias"], keys.TakeLast(5));
        var attention = new PannsCnn(Small with { Pooling = ClipPooling.Attention }, new Generator(1)).StateDict();
        Assert.Equal([5, 64, 1], attention["att_block.att.weight"].Shape);
        Assert.Equal([5], attention["att_block.cla.bias"].Shape);
    }

    [Fact]
    public void LoadsAPannsCheckpointSkippingItsFrontEnd()
    {
        var fixture = ModelFixtures.Load("cnn14.safetensors");
        var panns = PannsCheckpoint(fixture);
        var model = new PannsCnn(Small, new Generator(7));
        var result = model.LoadPannsStateDict(panns, loadHead: true);
        Assert.Empty(result.MissingKeys);
        model.Eval();
        new ParityReport(output, "cnn14 from a PANNs-style checkpoint").Close(fixture["mean_max.eval.logits"], model.Forward([fixture["input"]]), "eval logits");
    }

    [Fact]
    public void LoadsAPannsCheckpointFileAndNamesItInErrors()
    {
        var fixture = ModelFixtures.Load("cnn14.safetensors");
        var path = Path.Combine(Path.GetTempPath(), $"hark-panns-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(path, PannsCheckpoint(fixture));
            var model = new PannsCnn(Small, new Generator(7));
            model.LoadPannsCheckpoint(path, loadHead: true);
            model.Eval();
            new ParityReport(output, "cnn14 from a PANNs-style file").Close(fixture["mean_max.eval.logits"], model.Forward([fixture["input"]]), "eval logits");
            var error = Assert.Throws<StateDictException>(() => new PannsCnn(Small with { MelBins = 64 }, new Generator(7)).LoadPannsCheckpoint(path, loadHead: true));
            Assert.StartsWith(path, error.Message);
            Assert.Contains("bn0.weight: checkpoint [32] vs model [64]", error.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void FineTuningKeepsItsOwnHeadForNewClasses()
    {
        var fixture = ModelFixtures.Load("cnn14.safetensors");
        var model = new PannsCnn(Small with { Classes = 3 }, new Generator(7));
        var head = model.FcAudioset!.Weight.ToArray();
        var result = model.LoadPannsStateDict(PannsCheckpoint(fixture), loadHead: false);
        Assert.Equal(["fc_audioset.weight", "fc_audioset.bias"], result.MissingKeys);
        Assert.Equal(fixture["state.conv_block3.conv2.weight"].ToArray(), model.ConvBlocks[2].Conv2.Weight.ToArray());
        Assert.Equal(head, model.FcAudioset.Weight.ToArray());
    }

    [Fact]
    public void ACheckpointOfAnotherWidthIsRefusedWithTheDifferences()
    {
        var fixture = ModelFixtures.Load("cnn14.safetensors");
        var model = new PannsCnn(Small with { Width = 4 }, new Generator(7));
        var error = Assert.Throws<StateDictException>(() => model.LoadPannsStateDict(PannsCheckpoint(fixture), loadHead: false));
        Assert.Contains("conv_block1.conv1.weight", error.Message);
        var withoutBlock = PannsCheckpoint(fixture).Where(kv => !kv.Key.StartsWith("conv_block6.bn1.", StringComparison.Ordinal));
        var missing = Assert.Throws<StateDictException>(() => new PannsCnn(Small, new Generator(7)).LoadPannsStateDict(withoutBlock, loadHead: false));
        Assert.Contains("missing keys (5): conv_block6.bn1.weight", missing.Message);
    }

    [Fact]
    public void InputMustHaveTheConfiguredMelBins()
    {
        var model = new PannsCnn(Small, new Generator(1));
        var error = Assert.Throws<ShapeException>(() => model.Forward([Tensor.Zeros(1, 1, 64, 96)]));
        Assert.Contains("mels = 32", error.Message);
    }

    [Theory]
    [InlineData(ClipPooling.MeanMax)]
    [InlineData(ClipPooling.Attention)]
    public void TrainingStepsLowerTheLossOnAFixedBatch(ClipPooling pooling)
    {
        var model = new PannsCnn(Small.WithoutDropout() with { Classes = 3, Pooling = pooling, AttentionActivation = AttentionActivation.Linear }, new Generator(3));
        var (before, after) = TrainingStep.Losses(model, [4, 1, 32, 64]);
        output.WriteLine($"cnn14 {pooling} loss {before:F4} -> {after:F4}");
        Assert.True(after < before, $"loss went from {before} to {after}");
    }

    /// <summary>The fixture's mean+max state as PANNs saves it: with its extractor's STFT and mel weights.</summary>
    private static List<KeyValuePair<string, Tensor>> PannsCheckpoint(Dictionary<string, Tensor> fixture)
    {
        var state = fixture.Under("state.").Where(kv => !kv.Key.StartsWith("att_block.", StringComparison.Ordinal)).ToList();
        state.Add(new("spectrogram_extractor.stft.conv_real.weight", Tensor.Zeros(513, 1, 1024)));
        state.Add(new("spectrogram_extractor.stft.conv_imag.weight", Tensor.Zeros(513, 1, 1024)));
        state.Add(new("logmel_extractor.melW", Tensor.Zeros(513, 32)));
        return state;
    }
}
