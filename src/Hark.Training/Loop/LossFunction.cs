using Hark.Data;
using Hark.Tensors;
using Hark.Features.Augmentation;
using Hark.Training.Configuration;
using Hark.Features.Examples;

namespace Hark.Training.Loop;

/// <summary>
/// The recipe's loss for one batch: cross-entropy (label smoothing, class weights) for single-label data,
/// BCE-with-logits (pos_weight) or sigmoid focal loss for multi-label data. Mixed batches are handled as
/// PyTorch recipes do: CE as lam*CE(y) + (1-lam)*CE(y[perm]); BCE/focal on lam*y + (1-lam)*y[perm].
/// </summary>
public sealed class LossFunction
{
    private readonly string kind;
    private readonly float labelSmoothing, focalAlpha, focalGamma;
    private readonly Tensor? classWeights, posWeight;

    public LossFunction(RecipeConfig recipe, bool multiLabel, Tensor? classWeights, Tensor? posWeight)
    {
        kind = recipe.Loss.ToLowerInvariant();
        if (multiLabel && kind == "ce") kind = "bce";
        if (!multiLabel && kind != "ce")
            throw new ConfigException($"recipe.loss={recipe.Loss} is for multi-label data; single-label data trains with ce");
        if (kind is not ("ce" or "bce" or "focal"))
            throw new ConfigException($"recipe.loss={recipe.Loss}: expected ce, bce or focal");
        labelSmoothing = recipe.LabelSmoothing;
        focalAlpha = recipe.FocalAlpha;
        focalGamma = recipe.FocalGamma;
        this.classWeights = classWeights;
        this.posWeight = posWeight;
    }

    public Tensor Compute(Tensor logits, FeatureSet examples, ReadOnlySpan<int> indices, MixResult? mix)
    {
        if (kind == "ce")
        {
            var labels = examples.LabelBatch(indices);
            var loss = Ops.CrossEntropy(logits, labels, classWeights, labelSmoothing);
            if (mix is null || mix.Kind == MixKind.None) return loss;
            var mixedLabels = mix.Permutation.Select(j => labels[j]).ToArray();
            var other = Ops.CrossEntropy(logits, mixedLabels, classWeights, labelSmoothing);
            return Ops.Add(Ops.Mul(loss, mix.Lambda), Ops.Mul(other, 1f - mix.Lambda));
        }
        var targets = examples.TargetBatch(indices);
        if (mix is not null && mix.Kind != MixKind.None) targets = MixTargets(targets, mix);
        if (labelSmoothing > 0) targets = Ops.Add(Ops.Mul(targets, 1f - labelSmoothing), 0.5f * labelSmoothing);
        return kind == "bce"
            ? Ops.BinaryCrossEntropyWithLogits(logits, targets, posWeight: posWeight)
            : Ops.SigmoidFocalLoss(logits, targets, focalAlpha, focalGamma);
    }

    private static Tensor MixTargets(Tensor targets, MixResult mix)
    {
        int classes = targets.Size(1);
        var mixed = Tensor.EmptyLike(targets);
        var source = targets.Span;
        var destination = mixed.Span;
        for (int i = 0; i < mix.Permutation.Length; i++)
            for (int c = 0; c < classes; c++)
                destination[i * classes + c] = mix.Lambda * source[i * classes + c] + (1 - mix.Lambda) * source[mix.Permutation[i] * classes + c];
        return mixed;
    }
}
