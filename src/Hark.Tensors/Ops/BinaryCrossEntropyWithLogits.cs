namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Binary cross entropy on logits (torch.nn.functional.binary_cross_entropy_with_logits) in the stable form
    /// loss = (1 - t) x - (1 + (pos_weight - 1) t) log sigmoid(x), times <paramref name="weight"/>.
    /// weight and posWeight broadcast against the logits (posWeight typically [classes]).
    /// </summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor targets, Tensor? weight = null, Tensor? posWeight = null,
        Reduction reduction = Reduction.Mean)
    {
        ShapeException.Check(targets.Shape.SequenceEqual(logits.Shape), "BinaryCrossEntropyWithLogits", "targets shaped like the logits", logits, targets);
        ShapeException.SameDevice("BinaryCrossEntropyWithLogits", logits, targets);
        CheckBroadcastsTo("BinaryCrossEntropyWithLogits", "weight", weight, logits);
        CheckBroadcastsTo("BinaryCrossEntropyWithLogits", "posWeight", posWeight, logits);

        var logSigmoid = LogSigmoid(logits);
        var logWeight = posWeight is null ? null : Add(Mul(Sub(posWeight, 1f), targets), 1f);
        var loss = Sub(Sub(logits, Mul(targets, logits)), logWeight is null ? logSigmoid : Mul(logWeight, logSigmoid));
        if (weight is not null) loss = Mul(loss, weight);
        return Reduce(loss, reduction);
    }

    private static void CheckBroadcastsTo(string op, string name, Tensor? tensor, Tensor like)
    {
        if (tensor is null) return;
        ShapeException.SameDevice(op, like, tensor);
        bool fits = tensor.Rank <= like.Rank;
        for (int d = 1; d <= tensor.Rank && fits; d++)
            fits = tensor.Shape[^d] == 1 || tensor.Shape[^d] == like.Shape[^d];
        ShapeException.Check(fits, op, $"a {name} that broadcasts to the logits", like, tensor);
    }
}
