using Hark.Nn;
using Hark.Tensors;
using Hark.Data;
using Hark.Features.Augmentation;
using Hark.Training.Configuration;
using Hark.Features.Examples;
using Hark.Training.Loop;

namespace Hark.Training.Tests.Loop;

/// <summary><c>recipe.loss: gce|sce</c> picks the noisy-label loss modules with the recipe's q / alpha / beta, for single- and multi-label data.</summary>
public sealed class NoisyLabelLossFunctionTests
{
    private static readonly Tensor Logits = Tensor.FromArray([2f, -1f, 0.5f, -0.3f, 1.2f, 0.1f, 3f, -2f, 0f, 0.7f, -0.4f, 1f], 4, 3);
    private static readonly int[] Labels = [0, 2, 1, 0];
    private static readonly float[] Targets = [1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0];

    private static FeatureSet Examples(bool multiLabel) =>
        new(["a", "b", "c", "d"], [[1]], [new float[4]], multiLabel ? null : Labels, multiLabel ? Targets : null, 3);

    [Fact]
    public void GceAndSceUseTheRecipesParametersForSingleLabelData()
    {
        var recipe = new RecipeConfig { Loss = LossKind.Gce, GceQ = 0.4f };
        var loss = new LossFunction(recipe, multiLabel: false, null, null).Compute(Logits, Examples(false), [0, 1, 2, 3], null).Item();
        Assert.Equal(new GeneralizedCrossEntropyLoss(0.4).Forward(Logits, Labels).Item(), loss, 1e-6);
        recipe = new RecipeConfig { Loss = LossKind.Sce, SceAlpha = 0.3f, SceBeta = 0.7f };
        loss = new LossFunction(recipe, multiLabel: false, null, null).Compute(Logits, Examples(false), [0, 1, 2, 3], null).Item();
        Assert.Equal(new SymmetricCrossEntropyLoss(0.3f, 0.7f).Forward(Logits, Labels).Item(), loss, 1e-6);
    }

    [Fact]
    public void GceAndSceTakeMultiLabelTargetsWithoutLabelSmoothing()
    {
        var targets = Tensor.FromArray(Targets, 4, 3);
        var recipe = new RecipeConfig { Loss = LossKind.Gce, LabelSmoothing = 0.1f };
        var loss = new LossFunction(recipe, multiLabel: true, null, null).Compute(Logits, Examples(true), [0, 1, 2, 3], null).Item();
        Assert.Equal(new GeneralizedCrossEntropyLoss(0.7).ForwardMultiLabel(Logits, targets).Item(), loss, 1e-6);
        recipe = new RecipeConfig { Loss = LossKind.Sce };
        loss = new LossFunction(recipe, multiLabel: true, null, null).Compute(Logits, Examples(true), [0, 1, 2, 3], null).Item();
        Assert.Equal(new SymmetricCrossEntropyLoss().ForwardMultiLabel(Logits, targets).Item(), loss, 1e-6);
    }

    [Fact]
    public void AMixedSingleLabelBatchMixesTheTwoLosses()
    {
        var mix = new MixResult([Logits], [1, 0, 3, 2], 0.75f, MixKind.MixUp);
        var loss = new LossFunction(new RecipeConfig { Loss = LossKind.Gce }, multiLabel: false, null, null).Compute(Logits, Examples(false), [0, 1, 2, 3], mix).Item();
        var gce = new GeneralizedCrossEntropyLoss(0.7);
        Assert.Equal(0.75 * gce.Forward(Logits, Labels).Item() + 0.25 * gce.Forward(Logits, [2, 0, 0, 1]).Item(), loss, 1e-6);
    }

    [Fact]
    public void BadNamesAndParametersAreConfigErrors()
    {
        Assert.Contains("one of ce, bce, focal, gce, sce", Assert.Throws<ConfigException>(() => ConfigResolver.Resolve("seed-audio", ["recipe.loss=mae"], "seed-audio")).Message);
        Assert.Contains("recipe.gce_q=1.5", Assert.Throws<ConfigException>(() => new LossFunction(new RecipeConfig { Loss = LossKind.Gce, GceQ = 1.5f }, false, null, null)).Message);
        Assert.Contains("recipe.sce_alpha=-1", Assert.Throws<ConfigException>(() => new LossFunction(new RecipeConfig { Loss = LossKind.Sce, SceAlpha = -1 }, true, null, null)).Message);
        Assert.Contains("single-label data trains with ce, gce or sce", Assert.Throws<ConfigException>(() => new LossFunction(new RecipeConfig { Loss = LossKind.Focal }, false, null, null)).Message);
    }
}
