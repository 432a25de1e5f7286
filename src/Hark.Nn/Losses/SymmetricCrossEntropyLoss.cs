using Hark.Tensors;

namespace Hark.Nn;

/// <summary>
/// Symmetric cross-entropy (Wang et al. 2019, "Symmetric Cross Entropy for Robust Learning with Noisy Labels"):
/// alpha CE(labels, p) + beta RCE, where the reverse cross-entropy RCE = -sum_c p_c log(label_c) swaps prediction and
/// label, the label's log(0) taken as log(1e-4) = -9.21 (the paper's A = -4 in log10) and p clamped to [1e-7, 1] as
/// in the authors' code. Single-label: p is the softmax over classes; multi-label: each class is a binary problem
/// (BCE-with-logits plus the binary RCE of p = sigmoid(logit) against the target; soft targets allowed). Composed from
/// autograd ops.
/// </summary>
public sealed class SymmetricCrossEntropyLoss : Module
{
    /// <summary>What log(0) becomes in the reverse term: the label is clamped to this before its log.</summary>
    public const float LabelFloor = 1e-4f;

    private const float ProbabilityFloor = 1e-7f;

    public SymmetricCrossEntropyLoss(double alpha = 0.1, double beta = 1.0, Reduction reduction = Reduction.Mean)
    {
        if (!(alpha >= 0) || !(beta >= 0) || alpha + beta == 0)
            throw new ArgumentOutOfRangeException(nameof(alpha), $"SymmetricCrossEntropyLoss: alpha ({alpha}) and beta ({beta}) must be >= 0 and not both 0");
        Alpha = alpha;
        Beta = beta;
        Reduction = reduction;
    }

    public double Alpha { get; }
    public double Beta { get; }
    public Reduction Reduction { get; }

    // logits [N, C], targets [N] class indices -> alpha CE + beta RCE per sample, reduced
    public Tensor Forward(Tensor logits, int[] targets)
    {
        var crossEntropy = Ops.CrossEntropy(logits, targets, reduction: Reduction.None);
        int batch = logits.Shape[0], classes = logits.Shape[1];
        // log of the one-hot label clamped to [1e-4, 1]: 0 at the labelled class, log(1e-4) elsewhere
        var logLabels = new float[batch * classes];
        Array.Fill(logLabels, MathF.Log(LabelFloor));
        for (int i = 0; i < batch; i++) logLabels[i * classes + targets[i]] = 0f;
        var p = Ops.Clamp(Ops.Softmax(logits, 1), ProbabilityFloor, 1f);
        var reverse = -Ops.Sum(p * Tensor.FromArray(logLabels, batch, classes), [1]);
        return Ops.Reduce(crossEntropy * (float)Alpha + reverse * (float)Beta, Reduction);
    }

    // logits and targets [N, C], targets in [0, 1] -> alpha BCE + beta binary RCE per element, reduced
    public Tensor ForwardMultiLabel(Tensor logits, Tensor targets)
    {
        ShapeException.Check(logits.Shape.SequenceEqual(targets.Shape), "SymmetricCrossEntropyLoss",
            $"targets shaped like the logits {ShapeException.Format(logits.Shape)}", targets);
        var crossEntropy = Ops.BinaryCrossEntropyWithLogits(logits, targets, reduction: Reduction.None);
        var p = Ops.Sigmoid(logits);
        var logTargets = Ops.Log(Ops.Clamp(targets, LabelFloor, 1f)).Detach();
        var logComplements = Ops.Log(Ops.Clamp(1f - targets, LabelFloor, 1f)).Detach();
        var reverse = -(Ops.Clamp(p, ProbabilityFloor, 1f) * logTargets + Ops.Clamp(1f - p, ProbabilityFloor, 1f) * logComplements);
        return Ops.Reduce(crossEntropy * (float)Alpha + reverse * (float)Beta, Reduction);
    }
}
