using Hark.Nn;
using Hark.Data;
using Hark.Tensors;
using Hark.Features.Augmentation;
using Hark.Training.Configuration;
using Hark.Features.Examples;

namespace Hark.Training.Loop;

/// <summary>
/// The recipe's loss for one batch: cross-entropy (label smoothing, class weights) for single-label data,
/// BCE-with-logits (pos_weight) or sigmoid focal loss for multi-label data, and for noisy labels generalised or
/// symmetric cross-entropy (gce, sce) for either. Mixed batches are handled as PyTorch recipes do: single-label
/// losses as lam*L(y) + (1-lam)*L(y[perm]); multi-label losses on lam*y + (1-lam)*y[perm]. Examples with weights
/// (the data's weight column) each contribute their own loss times their weight.
/// </summary>
public sealed class LossFunction
{
    private readonly LossKind kind;
    private readonly bool multiLabel;
    private readonly float labelSmoothing, focalAlpha, focalGamma;
    private readonly Tensor? classWeights, posWeight;
    private readonly GeneralizedCrossEntropyLoss? gce;
    private readonly SymmetricCrossEntropyLoss? sce;

    public LossFunction(RecipeConfig recipe, bool multiLabel, Tensor? classWeights, Tensor? posWeight)
    {
        kind = multiLabel && recipe.Loss == LossKind.Ce ? LossKind.Bce : recipe.Loss;
        this.multiLabel = multiLabel;
        if (!multiLabel && kind is LossKind.Bce or LossKind.Focal)
            throw new ConfigException($"recipe.loss={Spelling(kind)} is for multi-label data; single-label data trains with ce, gce or sce");
        try
        {
            gce = kind == LossKind.Gce ? new GeneralizedCrossEntropyLoss(recipe.GceQ) : null;
            sce = kind == LossKind.Sce ? new SymmetricCrossEntropyLoss(recipe.SceAlpha, recipe.SceBeta) : null;
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new ConfigException(kind == LossKind.Gce
                ? $"recipe.gce_q={recipe.GceQ}: expected a value in (0, 1]"
                : $"recipe.sce_alpha={recipe.SceAlpha}, recipe.sce_beta={recipe.SceBeta}: expected values >= 0, not both 0");
        }
        labelSmoothing = recipe.LabelSmoothing;
        focalAlpha = recipe.FocalAlpha;
        focalGamma = recipe.FocalGamma;
        this.classWeights = classWeights;
        this.posWeight = posWeight;
    }

    public Tensor Compute(Tensor logits, FeatureSet examples, ReadOnlySpan<int> indices, MixResult? mix)
    {
        if (examples.Weights is not null) return Weighted(logits, examples, indices, mix);
        if (!multiLabel)
        {
            var labels = examples.LabelBatch(indices);
            var loss = SingleLabel(logits, labels);
            if (!IsMixed(mix)) return loss;
            var other = SingleLabel(logits, mix!.Partners(labels));
            return Ops.Add(Ops.Mul(loss, mix.Lambda), Ops.Mul(other, 1f - mix.Lambda));
        }
        return MultiLabel(logits, Targets(examples, indices, mix));
    }

    /// <summary>
    /// With per-example weights (the data's weight column): each example's own loss times its weight, averaged over
    /// the batch, as PyTorch's (w * loss).mean() with reduction='none'; a mixed example weighs lam w_i + (1 - lam) w_partner.
    /// </summary>
    private Tensor Weighted(Tensor logits, FeatureSet examples, ReadOnlySpan<int> indices, MixResult? mix)
    {
        if (!multiLabel && classWeights is not null)
            throw new ConfigException("recipe.class_weights and a weight column in the data both weight the loss; use one of them");
        int batch = indices.Length;
        var weights = new float[batch];
        for (int b = 0; b < batch; b++)
            weights[b] = IsMixed(mix)
                ? mix!.Lambda * examples.Weights![indices[b]] + (1 - mix.Lambda) * examples.Weights![indices[mix.Permutation[b]]]
                : examples.Weights![indices[b]];
        int[]? labels = multiLabel ? null : examples.LabelBatch(indices);
        int[]? partners = labels is not null && IsMixed(mix) ? mix!.Partners(labels) : null;
        var targets = multiLabel ? Targets(examples, indices, mix) : null;
        Tensor? total = null;
        for (int b = 0; b < batch; b++)
        {
            var row = Ops.Slice(logits, 0, b, b + 1);
            Tensor loss;
            if (targets is not null) loss = MultiLabel(row, Ops.Slice(targets, 0, b, b + 1));
            else
            {
                loss = SingleLabel(row, [labels![b]]);
                if (partners is not null) loss = Ops.Add(Ops.Mul(loss, mix!.Lambda), Ops.Mul(SingleLabel(row, [partners[b]]), 1f - mix.Lambda));
            }
            var weighted = Ops.Mul(loss, weights[b] / batch);
            total = total is null ? weighted : Ops.Add(total, weighted);
        }
        return total!;
    }

    private static bool IsMixed(MixResult? mix) => mix is not null && mix.Kind != MixKind.None;

    // [batch, classes] multi-label targets, mixed and smoothed as the recipe says
    private Tensor Targets(FeatureSet examples, ReadOnlySpan<int> indices, MixResult? mix)
    {
        var targets = examples.TargetBatch(indices);
        if (IsMixed(mix)) targets = MixTargets(targets, mix!);
        if (labelSmoothing > 0 && kind is LossKind.Bce or LossKind.Focal) targets = Ops.Add(Ops.Mul(targets, 1f - labelSmoothing), 0.5f * labelSmoothing);
        return targets;
    }

    // the targets are made on the host (a CPU stage, like the batch augmentations) and move to the logits' device here
    private Tensor MultiLabel(Tensor logits, Tensor hostTargets)
    {
        var targets = hostTargets.To(logits.Device);
        return kind switch
        {
            LossKind.Bce => Ops.BinaryCrossEntropyWithLogits(logits, targets, posWeight: posWeight?.To(logits.Device)),
            LossKind.Focal => Ops.SigmoidFocalLoss(logits, targets, focalAlpha, focalGamma),
            LossKind.Gce => gce!.ForwardMultiLabel(logits, targets),
            _ => sce!.ForwardMultiLabel(logits, targets),
        };
    }

    private Tensor SingleLabel(Tensor logits, int[] labels) => kind switch
    {
        LossKind.Ce => Ops.CrossEntropy(logits, labels, classWeights?.To(logits.Device), labelSmoothing),
        LossKind.Gce => gce!.Forward(logits, labels),
        _ => sce!.Forward(logits, labels),
    };

    private static string Spelling(LossKind kind) => kind.ToString().ToLowerInvariant();

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
