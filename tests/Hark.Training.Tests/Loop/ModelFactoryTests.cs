using Hark.Data;
using Hark.Models;
using Hark.Nn;
using Hark.Training.Configuration;
using Hark.Training.Loop;

namespace Hark.Training.Tests.Loop;

public class ModelFactoryTests
{
    private static readonly int[][] logMel = [[1, 64, 101]];

    [Fact]
    public void ConfiguredBatchNormSettingsReachEveryBatchNormLayer()
    {
        var model = ModelFactory.Create(new ModelConfig { Name = "keras-cnn", Width = 4, BatchNormMomentum = 0.1, BatchNormEps = 1e-5 }, logMel, 10, seed: 1);
        var norms = model.NamedModules().Select(m => m.Value).OfType<BatchNorm>().ToList();
        Assert.NotEmpty(norms);
        Assert.All(norms, bn => Assert.Equal(0.1, bn.Momentum, 6));
        Assert.All(norms, bn => Assert.Equal(1e-5, bn.Eps, 9));
    }

    [Fact]
    public void SeedAudioRecipeUsesTorchBatchNormDefaultsLikeItsPeerScript()
    {
        var model = RecipeCatalog.Get("seed-audio").Model;
        Assert.Equal(0.1f, model.BatchNormMomentum);
        Assert.Equal(1e-5f, model.BatchNormEps);
    }

    [Fact]
    public void SeedAudioRecipeBuildsThePeerScriptsNetworkWithTorchInitialisationAndItsDropouts()
    {
        var model = (Hark.Models.KerasCnn)ModelFactory.Create(RecipeCatalog.Get("seed-audio").Model, logMel, 10, seed: 1);
        Assert.Equal(305_130, model.ParameterCount());
        Assert.All(model.Blocks, block => Assert.Equal(0.2, block.Dropout.P, 6));
        Assert.Equal(0.5, model.HeadDropout.P, 6);
        // torch's default init draws conv biases from U(-1/sqrt(fan_in), 1/sqrt(fan_in)); Keras' init leaves them zero
        var bias = model.Blocks[0].Conv1.Bias!.ToArray();
        Assert.Contains(bias, b => b != 0f);
        Assert.All(bias, b => Assert.InRange(b, -1 / 3f, 1 / 3f));
    }

    [Fact]
    public void UnknownInitialisationIsAConfigurationError()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigYaml.Deserialize<RunConfig>("", "recipe.yaml", ["model.init=xavier"]));
        Assert.Contains("init", error.Message);
        Assert.Equal(KerasCnnInit.Torch, ConfigYaml.Deserialize<RunConfig>("", "recipe.yaml", ["model.init=torch"]).Model.Init);
    }

    [Fact]
    public void UnknownModelIsAConfigurationErrorListingTheZoo()
    {
        var error = Assert.Throws<ConfigException>(() => ModelFactory.Create(new ModelConfig { Name = "vgg" }, logMel, 3, seed: 1));
        Assert.Contains("keras-cnn", error.Message);
    }
}
