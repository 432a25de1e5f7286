using Hark.Data;
using Hark.Training.Configuration;

namespace Hark.Training.Tests.Configuration;

public class ConfigResolverTests
{
    [Fact]
    public void NamedRecipeWithOverridesSetsNestedKeys()
    {
        var config = ConfigResolver.Resolve("keras-d", ["recipe.epochs=7", "recipe.augment.spec_augment.freq_masks=3", "model.width=8", "seed=42"], "seed-audio");
        Assert.Equal("keras-d", config.Recipe.Name);
        Assert.Equal(7, config.Recipe.Epochs);
        Assert.Equal(3, config.Recipe.Augment.SpecAugment!.FreqMasks);
        Assert.Equal(8, config.Model.Width);
        Assert.Equal(42UL, config.Seed);
        Assert.Equal(OptimizerKind.Adam, config.Recipe.Optimizer);
    }

    [Fact]
    public void ModelEnumsRoundTripThroughYamlByTheirSnakeCaseNames()
    {
        var config = ConfigResolver.Resolve("panns-c", ["model.pooling=mean_max"], "seed-audio");
        Assert.Equal(Hark.Models.ClipPooling.MeanMax, config.Model.Pooling);
        var yaml = ConfigYaml.Serialize(config);
        Assert.Contains("pooling: mean_max", yaml);
        Assert.Equal(config.Model, ConfigYaml.Deserialize<RunConfig>(yaml, "config.yaml").Model);
    }

    [Fact]
    public void UnknownKeyIsAnErrorNamingIt()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigResolver.Resolve("seed-audio", ["recipe.epochz=3"], "seed-audio"));
        Assert.Contains("epochz", error.Message);
    }

    [Fact]
    public void MalformedOverrideSaysWhatWasExpected()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigResolver.Resolve(null, ["recipe.epochs"], "seed-audio"));
        Assert.Contains("key=value", error.Message);
    }

    [Fact]
    public void UnknownRecipeListsTheKnownOnes()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigResolver.Resolve("nope", [], "seed-audio"));
        Assert.Contains("seed-a", error.Message);
    }

    [Fact]
    public void YamlFileStartsFromItsBaseAndOverridesWinOverTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hark-recipe-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "base: resnet-e\nrecipe:\n  epochs: 11\n  lr: 0.01\nmodel:\n  depth: 2\n");
        try
        {
            var config = ConfigResolver.Resolve(path, ["recipe.epochs=12"], "seed-audio");
            Assert.Equal("resnet-se", config.Model.Name);
            Assert.Equal(2, config.Model.Depth);
            Assert.Equal(0.01f, config.Recipe.Lr);
            Assert.Equal(12, config.Recipe.Epochs);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void SerializedConfigReadsBackToTheSameYaml()
    {
        foreach (var name in RecipeCatalog.Names)
        {
            var yaml = ConfigYaml.Serialize(RecipeCatalog.Get(name));
            var back = ConfigYaml.Deserialize<RunConfig>(yaml, name);
            Assert.Equal(yaml, ConfigYaml.Serialize(back));
        }
    }
}
