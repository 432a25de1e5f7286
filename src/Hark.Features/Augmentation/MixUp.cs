using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>
/// MixUp (Zhang et al. 2018) with one lambda per batch as timm's mode="batch": lambda ~ Beta(alpha, alpha), then a
/// random permutation of the batch (drawn in that order); every input of a sample is mixed with the same partner.
/// </summary>
public static class MixUp
{
    public static MixResult Apply(Tensor input, double alpha, Generator generator) => Apply([input], alpha, generator);

    public static MixResult Apply(Tensor[] inputs, double alpha, Generator generator)
    {
        int batch = MixInputs.BatchSize(inputs, "MixUp");
        ArgumentNullException.ThrowIfNull(generator);
        if (!(alpha > 0)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "MixUp: alpha must be positive");
        float lambda = (float)BetaDistribution.Sample(generator, alpha, alpha);
        var permutation = generator.Permutation(batch);
        return Mix(inputs, permutation, lambda);
    }

    /// <summary>lambda * x + (1 - lambda) * x[permutation] for every input, into new tensors.</summary>
    public static MixResult Mix(Tensor[] inputs, int[] permutation, float lambda)
    {
        int batch = MixInputs.BatchSize(inputs, "MixUp.Mix");
        MixInputs.CheckPermutation(permutation, batch, "MixUp.Mix");
        var mixed = new Tensor[inputs.Length];
        for (int k = 0; k < inputs.Length; k++)
        {
            var input = inputs[k];
            var output = Tensor.Empty(input.Shape);
            int sampleSize = batch == 0 ? 0 : input.Numel / batch;
            ReadOnlySpan<float> source = input.Span;
            var target = output.Span;
            for (int i = 0; i < batch; i++)
            {
                var own = source.Slice(i * sampleSize, sampleSize);
                var partner = source.Slice(permutation[i] * sampleSize, sampleSize);
                var destination = target.Slice(i * sampleSize, sampleSize);
                // lambda * own + (1 - lambda) * partner, computed as partner + lambda * (own - partner).
                TensorPrimitives.Subtract(own, partner, destination);
                TensorPrimitives.MultiplyAdd(destination, lambda, partner, destination);
            }
            mixed[k] = output;
        }
        return new MixResult(mixed, permutation, lambda, MixKind.MixUp);
    }
}
