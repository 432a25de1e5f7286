using Hark.Tensors;

namespace Hark.Nn;

/// <summary>
/// torch.nn.CrossEntropyLoss over logits [N, C] with class indices or class probabilities, optional per-class
/// weight (a buffer named "weight", as in torch) and label_smoothing.
/// </summary>
public sealed class CrossEntropyLoss : Module
{
    public CrossEntropyLoss(Tensor? weight = null, double labelSmoothing = 0.0, Reduction reduction = Reduction.Mean)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "CrossEntropyLoss: label_smoothing must lie in [0, 1]");
        Weight = weight is null ? null : RegisterBuffer("weight", weight);
        LabelSmoothing = labelSmoothing;
        Reduction = reduction;
    }

    public Tensor? Weight { get; }
    public double LabelSmoothing { get; }
    public Reduction Reduction { get; }

    // logits [N, C], targets [N] class indices
    public Tensor Forward(Tensor logits, int[] targets) => Ops.CrossEntropy(logits, targets, Weight, (float)LabelSmoothing, Reduction);

    // logits [N, C], targetProbabilities [N, C] (soft targets, e.g. from MixUp)
    public Tensor Forward(Tensor logits, Tensor targetProbabilities) =>
        Ops.CrossEntropy(logits, targetProbabilities, Weight, (float)LabelSmoothing, Reduction);
}
