namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>
    /// The focal loss of RetinaNet as torchvision.ops.sigmoid_focal_loss computes it:
    /// alpha_t (1 - p_t)^gamma BCE(x, t), with p = sigmoid(x), p_t = p t + (1 - p)(1 - t), alpha_t = alpha t + (1 - alpha)(1 - t);
    /// a negative alpha switches the class balancing off.
    /// </summary>
    public static Tensor SigmoidFocalLoss(Tensor logits, Tensor targets, float alpha = 0.25f, float gamma = 2f, Reduction reduction = Reduction.Mean)
    {
        ShapeException.Check(targets.Shape.SequenceEqual(logits.Shape), "SigmoidFocalLoss", "targets shaped like the logits", logits, targets);
        ShapeException.SameDevice("SigmoidFocalLoss", logits, targets);
        var p = Sigmoid(logits);
        var crossEntropy = BinaryCrossEntropyWithLogits(logits, targets, reduction: Reduction.None);
        var pT = Add(Mul(p, targets), Mul(Sub(1f, p), Sub(1f, targets)));
        var loss = Mul(crossEntropy, Pow(Sub(1f, pT), gamma));
        if (alpha >= 0f)
            loss = Mul(Add(Mul(targets, alpha), Mul(Sub(1f, targets), 1f - alpha)), loss);
        return Reduce(loss, reduction);
    }
}
