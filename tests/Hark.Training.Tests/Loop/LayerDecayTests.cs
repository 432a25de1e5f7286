using Hark.Data;
using Hark.Models;
using Hark.Tensors;
using Hark.Training.Configuration;
using Hark.Training.Loop;

namespace Hark.Training.Tests.Loop;

/// <summary>
/// recipe.layer_decay: every parameter of an ImageNet backbone trains at lr x decay^(deepest - its depth) (timm's
/// param_groups_layer_decay with one group per block), times head_lr_multiplier in the classifier; a model without
/// layer depths is refused by name.
/// </summary>
public class LayerDecayTests
{
    private static readonly RecipeConfig Recipe = new() { Lr = 1e-3f, LayerDecay = 0.5f, HeadLrMultiplier = 10f };
    private static readonly double Lr = Recipe.Lr;

    private static Dictionary<Tensor, double> RateOfEachParameter(AudioClassifier model) =>
        OptimizerFactory.Create(Recipe, model).ParameterGroups.SelectMany(g => g.Parameters.Select(p => (Parameter: p, g.LearningRate)))
            .ToDictionary(x => x.Parameter, x => x.LearningRate);

    [Fact]
    public void EfficientNetRatesDecayFromTheHeadToTheStemOneStepPerBlock()
    {
        var options = EfficientNetV2Options.Small.Scaled(1.0 / 16, 0.2) with { Classes = 3 };
        var model = new EfficientNetV2(options, new Generator(1));
        int blocks = options.Stages.Sum(s => s.Layers), deepest = blocks + 1;
        var rates = RateOfEachParameter(model);
        var parameters = model.NamedParameters().ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(parameters.Count, rates.Count);
        Assert.Equal(Lr * Math.Pow(0.5, deepest), rates[parameters["features.0.0.weight"]], 12);
        Assert.Equal(Lr * Math.Pow(0.5, deepest - 1), rates[parameters["features.1.0.block.0.0.weight"]], 12);
        Assert.Equal(Lr * Math.Pow(0.5, deepest - 2), rates[parameters["features.2.0.block.0.0.weight"]], 12);
        Assert.Equal(Lr * Math.Pow(0.5, 1), rates[parameters[$"features.{options.Stages.Count}.{options.Stages[^1].Layers - 1}.block.0.0.weight"]], 12);
        Assert.Equal(Lr, rates[parameters[$"features.{options.Stages.Count + 1}.0.weight"]], 12);
        Assert.Equal(Lr * 10, rates[parameters["classifier.1.weight"]], 12);
    }

    [Fact]
    public void ResNetRatesDecayPerBottleneck()
    {
        var model = new ResNet(new ResNetOptions { Classes = 3, Blocks = [2, 1, 1, 1], Width = 4, StemWidth = 8 }, new Generator(1));
        var rates = RateOfEachParameter(model);
        var parameters = model.NamedParameters().ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(Lr * Math.Pow(0.5, 6), rates[parameters["bn1.weight"]], 12);
        Assert.Equal(Lr * Math.Pow(0.5, 5), rates[parameters["layer1.0.conv1.weight"]], 12);
        Assert.Equal(Lr * Math.Pow(0.5, 4), rates[parameters["layer1.1.bn3.bias"]], 12);
        Assert.Equal(Lr * Math.Pow(0.5, 1), rates[parameters["layer4.0.downsample.0.weight"]], 12);
        Assert.Equal(Lr * 10, rates[parameters["fc.bias"]], 12);
    }

    [Fact]
    public void AModelWithoutLayerDepthsIsRefused()
    {
        var model = ModelFactory.Create(new ModelConfig { Name = "keras-cnn", Width = 4 }, [[1, 64, 101]], 3, seed: 1);
        var error = Assert.Throws<ConfigException>(() => OptimizerFactory.Create(Recipe, model));
        Assert.Contains("recipe.layer_decay=0.5", error.Message);
        Assert.Contains("no layer depths", error.Message);
    }
}
