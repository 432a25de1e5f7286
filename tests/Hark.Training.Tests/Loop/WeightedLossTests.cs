using Hark.Data;
using Hark.Features.Augmentation;
using Hark.Features.Examples;
using Hark.Tensors;
using Hark.Training.Configuration;
using Hark.Training.Loop;

namespace Hark.Training.Tests.Loop;

/// <summary>Per-example weights (the data's weight column): each example's own loss times its weight, averaged over the batch.</summary>
public sealed class WeightedLossTests
{
    private static readonly float[] LogitValues = [2f, -1f, 0.5f, -0.3f, 1.2f, 0.1f, 3f, -2f, 0f, 0.7f, -0.4f, 1f];
    private static readonly int[] Labels = [0, 2, 1, 0];
    private static readonly float[] Targets = [1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0];
    private static readonly int[] All = [0, 1, 2, 3];

    private static Tensor Logits() => Tensor.FromArray(LogitValues, 4, 3);

    private static FeatureSet Examples(bool multiLabel, float[]? weights) =>
        new(["a", "b", "c", "d"], [[1]], [new float[4]], multiLabel ? null : Labels, multiLabel ? Targets : null, 3) { Weights = weights };

    [Theory]
    [InlineData(LossKind.Ce, false)]
    [InlineData(LossKind.Sce, false)]
    [InlineData(LossKind.Bce, true)]
    [InlineData(LossKind.Focal, true)]
    public void UnitWeightsGiveTheUnweightedLoss(LossKind kind, bool multiLabel)
    {
        var loss = new LossFunction(new RecipeConfig { Loss = kind }, multiLabel, null, null);
        var mix = new MixResult([Logits()], [1, 0, 3, 2], 0.75f, MixKind.MixUp);
        Assert.Equal(loss.Compute(Logits(), Examples(multiLabel, null), All, null).Item(), loss.Compute(Logits(), Examples(multiLabel, [1, 1, 1, 1]), All, null).Item(), 1e-5);
        Assert.Equal(loss.Compute(Logits(), Examples(multiLabel, null), All, mix).Item(), loss.Compute(Logits(), Examples(multiLabel, [1, 1, 1, 1]), All, mix).Item(), 1e-5);
    }

    [Fact]
    public void EachExampleCountsByItsWeightAndAZeroWeightGetsNoGradient()
    {
        float[] weights = [1f, 0f, 2f, 0.5f];
        var function = new LossFunction(new RecipeConfig { Loss = LossKind.Ce, LabelSmoothing = 0f }, false, null, null);
        var logits = Logits();
        logits.RequiresGrad = true;
        var loss = function.Compute(logits, Examples(false, weights), All, null);
        double expected = 0;
        for (int i = 0; i < 4; i++)
            expected += weights[i] * Ops.CrossEntropy(Tensor.FromArray(LogitValues.AsSpan(i * 3, 3).ToArray(), 1, 3), [Labels[i]]).Item() / 4;
        Assert.Equal(expected, loss.Item(), 1e-5);
        loss.Backward();
        var gradient = logits.Grad!.ToArray();
        Assert.All(gradient.AsSpan(3, 3).ToArray(), g => Assert.Equal(0f, g));
        Assert.Contains(gradient.AsSpan(0, 3).ToArray(), g => g != 0);
    }

    [Fact]
    public void ClassWeightsAndExampleWeightsTogetherAreRefused()
    {
        var function = new LossFunction(new RecipeConfig { Loss = LossKind.Ce }, false, Tensor.FromArray([1f, 2f, 3f], 3), null);
        var error = Assert.Throws<ConfigException>(() => function.Compute(Logits(), Examples(false, [1, 1, 1, 1]), All, null));
        Assert.Contains("weight column", error.Message);
    }
}
