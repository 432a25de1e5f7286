using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>
/// A mixed batch: sample i of every input is <see cref="Lambda"/> of sample i and 1 - <see cref="Lambda"/> of sample
/// <see cref="Permutation"/>[i] (by value for MixUp, by area for CutMix). The trainer mixes targets or losses with the
/// same pair: lam * loss(y) + (1 - lam) * loss(y[perm]), or <see cref="TargetMixing.Mix(Tensor, MixResult)"/>.
/// </summary>
/// <param name="Inputs">The mixed tensors, one per input of a sample, in the order given (new tensors unless Kind is None).</param>
/// <param name="Box">The CutMix box in (mels, frames) of the last two axes; null for MixUp and None.</param>
public sealed record MixResult(Tensor[] Inputs, int[] Permutation, float Lambda, MixKind Kind, CutMixBox? Box = null)
{
    /// <summary>An unmixed batch: identity permutation, lambda 1, the inputs themselves.</summary>
    public static MixResult Unmixed(Tensor[] inputs)
    {
        var identity = new int[MixInputs.BatchSize(inputs, "MixResult.Unmixed")];
        for (int i = 0; i < identity.Length; i++) identity[i] = i;
        return new MixResult(inputs, identity, 1f, MixKind.None);
    }

    /// <summary>The partner of every sample: items[perm[i]], e.g. hard labels for the second half of a mixed loss.</summary>
    public T[] Partners<T>(IReadOnlyList<T> items)
    {
        if (items.Count != Permutation.Length)
            throw new ArgumentException($"MixResult.Partners: expected {Permutation.Length} items, one per sample; got {items.Count}");
        var partners = new T[Permutation.Length];
        for (int i = 0; i < partners.Length; i++) partners[i] = items[Permutation[i]];
        return partners;
    }
}
