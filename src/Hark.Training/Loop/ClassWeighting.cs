using Hark.Data;
using Hark.Data.Sampling;
using Hark.Tensors;
using Hark.Training.Configuration;
using Hark.Features.Examples;

namespace Hark.Training.Loop;

/// <summary>Class weights for cross-entropy, or pos_weight for BCE, computed from the training counts as the recipe asks.</summary>
public static class ClassWeighting
{
    public static (Tensor? ClassWeights, Tensor? PosWeight) For(RecipeConfig recipe, FeatureSet train)
    {
        var mode = recipe.ClassWeights.ToLowerInvariant();
        if (mode == "none") return (null, null);
        if (mode is not ("inverse" or "inverse_sqrt"))
            throw new ConfigException($"recipe.class_weights={recipe.ClassWeights}: expected none, inverse or inverse_sqrt");
        if (train.IsMultiLabel)
            return (null, Tensor.FromArray(PosWeight.FromTargets(train.MultiHot())));
        var counts = ClassCounts.Of(train.Labels!, train.ClassCount);
        var weights = mode == "inverse" ? ClassWeights.InverseFrequency(counts) : ClassWeights.InverseSqrt(counts);
        return (Tensor.FromArray(weights), null);
    }
}
