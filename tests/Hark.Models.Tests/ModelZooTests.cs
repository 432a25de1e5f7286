using Hark.Tensors;

namespace Hark.Models.Tests;

public sealed class ModelZooTests
{
    [Theory]
    [InlineData("keras-cnn", typeof(KerasCnn), 8, 16)]
    [InlineData("resnet-se", typeof(ResNetSe), 8, 16)]
    [InlineData("cnn14", typeof(PannsCnn), 2, 16)]
    [InlineData("cnn14-16k", typeof(PannsCnn), 2, 16)]
    [InlineData("cnn10", typeof(PannsCnn), 2, 16)]
    [InlineData("resnet38", typeof(ResNet38), 2, 16)]
    [InlineData("cnn14-decision-level-att", typeof(PannsCnn), 2, 16)]
    public void CreatesEachModelByName(string name, Type type, int width, int embedding)
    {
        var model = ModelZoo.Create(new ModelConfig { Name = name, Width = width, EmbeddingSize = embedding }, new ModelInputs(4, MelBins: 32), new Generator(1));
        Assert.IsType(type, model);
        Assert.Equal(4, model.ClassCount);
        Assert.Equal(embedding, model.EmbeddingSize);
        model.Eval();
        var input = TrainingStep.Gaussian(new Generator(2), 3, 1, 32, 64);
        Assert.Equal([3, 4], model.Forward([input]).Shape);
        Assert.Equal([3, embedding], model.Embed([input]).Shape);
    }

    [Fact]
    public void MapsWidthDepthDropoutAndPooling()
    {
        var keras = (KerasCnn)ModelZoo.Create(new ModelConfig { Name = "keras-cnn", Width = 8, Depth = 4, Dropout = 0.4 }, new ModelInputs(2, InputChannels: 3), new Generator(1));
        Assert.Equal(4, keras.Blocks.Count);
        Assert.Equal([0.25, 0.25, 0.3, 0.3], keras.Options.BlockDropout);
        Assert.Equal([64, 32, 3, 3], keras.Blocks[3].Conv1.Weight.Shape);
        Assert.Equal(0.4, keras.HeadDropout.P);
        Assert.Equal([8, 3, 3, 3], keras.Blocks[0].Conv1.Weight.Shape);

        var torchStyle = (KerasCnn)ModelZoo.Create(new ModelConfig { Name = "keras-cnn", Width = 8, BlockDropout = 0.2, Init = KerasCnnInit.Torch }, new ModelInputs(2), new Generator(1));
        Assert.Equal([0.2, 0.2, 0.2], torchStyle.Options.BlockDropout);
        Assert.Equal(KerasCnnInit.Torch, torchStyle.Options.Init);

        var resnet = (ResNetSe)ModelZoo.Create(new ModelConfig { Name = "resnet-se", Width = 16, Depth = 2 }, new ModelInputs(2), new Generator(1));
        Assert.Equal(2, resnet.Layers.Count);
        Assert.Equal(256, resnet.EmbeddingSize);

        var cnn14 = (PannsCnn)ModelZoo.Create(new ModelConfig { Name = "cnn14", Width = 2, Pooling = ClipPooling.Attention }, new ModelInputs(2), new Generator(1));
        Assert.NotNull(cnn14.AttBlock);
        Assert.Null(cnn14.FcAudioset);
        Assert.Equal(64, cnn14.EmbeddingSize);
        Assert.Equal(0.1, ((PannsCnn)ModelZoo.Create(new ModelConfig { Name = "cnn14", Width = 2, BlockDropout = 0.1 }, new ModelInputs(2), new Generator(1))).BlockDropout.P);

        var cnn10 = (PannsCnn)ModelZoo.Create(new ModelConfig { Name = "cnn10", Width = 2 }, new ModelInputs(2), new Generator(1));
        Assert.Equal(4, cnn10.ConvBlocks.Count);
        Assert.Equal(16, cnn10.EmbeddingSize);
        Assert.Equal(16, cnn10.TimeDownsampling);
        var att = (PannsCnn)ModelZoo.Create(new ModelConfig { Name = "cnn14-decision-level-att", Width = 2 }, new ModelInputs(2), new Generator(1));
        Assert.NotNull(att.AttBlock);
        var resnet38 = (ResNet38)ModelZoo.Create(new ModelConfig { Name = "resnet38", Width = 2 }, new ModelInputs(2), new Generator(1));
        Assert.Equal([3, 4, 6, 3], resnet38.Resnet.Layers.Select(layer => layer.Count));
        Assert.Equal(64, resnet38.EmbeddingSize);
    }

    [Fact]
    public void PannsModelsNameTheFrontEndTheirWeightsWereTrainedWith()
    {
        Assert.Equal("panns16k", ModelZoo.FrontEndPreset("cnn14-16k"));
        foreach (var name in new[] { "cnn14", "cnn10", "resnet38", "cnn14-decision-level-att" })
            Assert.Equal("panns32k", ModelZoo.FrontEndPreset(name));
        Assert.Null(ModelZoo.FrontEndPreset("resnet-se"));
    }

    [Fact]
    public void UnknownNamesListTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelZoo.Create(new ModelConfig { Name = "vgg" }, new ModelInputs(2), new Generator(1)));
        Assert.Contains("unknown model 'vgg'", error.Message);
        foreach (var name in ModelZoo.Names) Assert.Contains(name, error.Message);
    }

    [Fact]
    public void TheParameterLimitNamesModelCountAndLimit()
    {
        var config = new ModelConfig { Name = "keras-cnn", MaxParameters = 100_000 };
        var error = Assert.Throws<ParameterLimitException>(() => ModelZoo.Create(config, new ModelInputs(10), new Generator(1)));
        Assert.Equal(305_130, error.ParameterCount);
        Assert.Contains("'keras-cnn'", error.Message);
        Assert.Contains("305,130", error.Message);
        Assert.Contains("100,000", error.Message);
        Assert.IsType<KerasCnn>(ModelZoo.Create(config with { MaxParameters = 305_130 }, new ModelInputs(10), new Generator(1)));
    }

    [Fact]
    public void OptionsAModelCannotHonourAreRefused()
    {
        Assert.Contains("the PANNs models only", Assert.Throws<ArgumentException>(() =>
            ModelZoo.Create(new ModelConfig { Name = "resnet-se", Pooling = ClipPooling.Attention }, new ModelInputs(2), new Generator(1))).Message);
        Assert.Contains("depth 4", Assert.Throws<ArgumentException>(() =>
            ModelZoo.Create(new ModelConfig { Name = "cnn14", Depth = 4 }, new ModelInputs(2), new Generator(1))).Message);
        Assert.Contains("positive number of classes", Assert.Throws<ArgumentException>(() =>
            ModelZoo.Create(new ModelConfig { Name = "cnn14" }, new ModelInputs(0), new Generator(1))).Message);
        Assert.Contains("keras-cnn only", Assert.Throws<ArgumentException>(() =>
            ModelZoo.Create(new ModelConfig { Name = "resnet-se", Init = KerasCnnInit.Torch }, new ModelInputs(2), new Generator(1))).Message);
        Assert.Contains("keras-cnn and the PANNs models only", Assert.Throws<ArgumentException>(() =>
            ModelZoo.Create(new ModelConfig { Name = "seed-cnn", BlockDropout = 0.1 }, new ModelInputs(2), new Generator(1))).Message);
        Assert.Contains("depth 6 is not supported", Assert.Throws<ArgumentException>(() =>
            ModelZoo.Create(new ModelConfig { Name = "cnn10", Depth = 6 }, new ModelInputs(2), new Generator(1))).Message);
        Assert.Contains("pooling mean_max applies to cnn14, cnn10 and resnet38", Assert.Throws<ArgumentException>(() =>
            ModelZoo.Create(new ModelConfig { Name = "cnn14-decision-level-att", Pooling = ClipPooling.MeanMax }, new ModelInputs(2), new Generator(1))).Message);
    }

    [Fact]
    public void TheSameSeedBuildsTheSameWeights()
    {
        var config = new ModelConfig { Name = "resnet-se", Width = 4 };
        var a = ModelZoo.Create(config, new ModelInputs(3), new Generator(9)).StateDict();
        var b = ModelZoo.Create(config, new ModelInputs(3), new Generator(9)).StateDict();
        foreach (var (key, value) in a) Assert.Equal(value.ToArray(), b[key].ToArray());
    }
}
