using Hark.Tensors;

namespace Hark.Nn;

/// <summary>
/// Generalised cross-entropy (Zhang and Sabuncu 2018, "Generalized Cross Entropy Loss for Training Deep Neural Networks
/// with Noisy Labels"): L_q = (1 - p^q) / q for the probability p of the labelled class, between cross-entropy (q -> 0)
/// and mean absolute error (q = 1), so confidently wrong (likely mislabelled) examples weigh less. Single-label: p from
/// a softmax; multi-label: every class is a binary problem, p = sigmoid(logit) where the target is 1 and 1 - p where it
/// is 0 (soft targets weigh the two terms). Powers are taken as exp(q log p) from log-softmax / log-sigmoid, so
/// saturated logits give finite gradients. Composed from autograd ops.
/// </summary>
public sealed class GeneralizedCrossEntropyLoss : Module
{
    public GeneralizedCrossEntropyLoss(double q = 0.7, Reduction reduction = Reduction.Mean)
    {
        if (!(q > 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "GeneralizedCrossEntropyLoss: q must lie in (0, 1]");
        Q = q;
        Reduction = reduction;
    }

    public double Q { get; }
    public Reduction Reduction { get; }

    // logits [N, C], targets [N] class indices -> (1 - p[target]^q) / q per sample, reduced
    public Tensor Forward(Tensor logits, int[] targets)
    {
        float q = (float)Q;
        // cross_entropy per sample is -log p[target]; p^q = exp(-q * it)
        var negativeLogP = Ops.CrossEntropy(logits, targets, reduction: Reduction.None);
        return Ops.Reduce((1f - Ops.Exp(negativeLogP * -q)) / q, Reduction);
    }

    // logits and targets [N, C], targets in [0, 1] -> t (1 - p^q) / q + (1 - t) (1 - (1 - p)^q) / q per element, reduced
    public Tensor ForwardMultiLabel(Tensor logits, Tensor targets)
    {
        ShapeException.Check(logits.Shape.SequenceEqual(targets.Shape), "GeneralizedCrossEntropyLoss",
            $"targets shaped like the logits {ShapeException.Format(logits.Shape)}", targets);
        float q = (float)Q;
        var positive = (1f - Ops.Exp(Ops.LogSigmoid(logits) * q)) / q;
        var negative = (1f - Ops.Exp(Ops.LogSigmoid(-logits) * q)) / q;
        return Ops.Reduce(targets * positive + (1f - targets) * negative, Reduction);
    }
}
