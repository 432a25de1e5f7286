using Hark.Data.Sampling;
using Hark.Tensors;
using Hark.Training.Configuration;
using Hark.Features.Examples;

namespace Hark.Training.Loop;

/// <summary>
/// The order of training examples in one epoch: a seeded permutation, or a class-balanced draw (oversampling capped
/// at the recipe's oversample_cap) shuffled. Every epoch has the same length, so per-step schedules know their total.
/// </summary>
public sealed class EpochSampler
{
    private readonly ClassBalancedSampler? balanced;
    private readonly int count;

    public EpochSampler(RecipeConfig recipe, FeatureSet train)
    {
        count = train.Count;
        if (recipe.BalancedSampler)
        {
            balanced = train.IsMultiLabel
                ? new ClassBalancedSampler(train.MultiHot(), recipe.OversampleCap)
                : new ClassBalancedSampler(train.Labels!, train.ClassCount, recipe.OversampleCap);
            SamplesPerEpoch = balanced.EpochLength;
        }
        else
        {
            SamplesPerEpoch = count;
        }
    }

    public int SamplesPerEpoch { get; }

    public int[] Draw(Generator generator)
    {
        if (balanced is null) return generator.Permutation(count);
        var drawn = balanced.NextEpoch(generator);
        var order = new int[SamplesPerEpoch];
        for (int i = 0; i < order.Length; i++) order[i] = drawn[i % drawn.Length];
        generator.Shuffle(order.AsSpan());
        return order;
    }
}
