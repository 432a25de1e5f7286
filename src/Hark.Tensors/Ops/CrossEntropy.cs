using Hark.Tensors.Autograd;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Cross entropy of logits [batch, classes] against class indices, exactly as torch.nn.functional.cross_entropy:
    /// loss_i = (1 - s) w[t_i] (-logp[i, t_i]) + s/C sum_c w[c] (-logp[i, c]); Mean divides both terms by sum_i w[t_i]
    /// (by the batch size without weights), the normalisation PyTorch uses for weighted, smoothed losses.
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, int[] targets, Tensor? weight = null, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ShapeException.Check(logits.Rank == 2, "CrossEntropy", "logits of shape [batch, classes]", logits);
        int batch = logits.Shape[0], classes = logits.Shape[1];
        if (targets.Length != batch)
            throw new ShapeException($"CrossEntropy: expected {batch} class indices for logits of shape {ShapeException.Format(logits.Shape)}; got {targets.Length}");
        for (int i = 0; i < batch; i++)
            if ((uint)targets[i] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(targets), targets[i],
                    $"CrossEntropy: target {targets[i]} at position {i} is not a class index in [0, {classes}) for logits of shape {ShapeException.Format(logits.Shape)}");
        CheckClassWeight("CrossEntropy", logits, weight);
        CheckLabelSmoothing("CrossEntropy", labelSmoothing);

        var logProbabilities = LogSoftmax(logits, 1);
        var perSample = Tensor.Empty([batch], logits.Device);
        var owned = (int[])targets.Clone();
        logits.Backend.ClassIndexCrossEntropy(logProbabilities, owned, weight, labelSmoothing, perSample);
        if (Graph.NeedsGrad(logProbabilities))
            Graph.Record(perSample, "cross_entropy", [logProbabilities], (dOutput, grads) =>
                dOutput.Backend.ClassIndexCrossEntropyBackward(dOutput, owned, weight, labelSmoothing, grads.Buffer(0)));
        if (reduction != Reduction.Mean) return Reduce(perSample, reduction);
        if (weight is null) return Mul(Sum(perSample), 1f / batch);
        // the kernel over log-probabilities of -1 without smoothing gives w[t_i]: the normaliser stays on the device
        var targetWeights = Tensor.Empty([batch], logits.Device);
        logits.Backend.ClassIndexCrossEntropy(Tensor.Full([batch, classes], -1f, logits.Device), owned, weight, 0f, targetWeights);
        return Div(Sum(perSample), Sum(targetWeights));
    }

    /// <summary>
    /// Cross entropy against target probabilities [batch, classes] (soft labels, e.g. from mixup), as
    /// torch.nn.functional.cross_entropy with a float target: loss_i = -sum_c w[c] t'[i, c] logp[i, c] with
    /// t' = t (1 - s) + s / C; Mean divides by the batch size. Gradients flow to the targets too.
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor targetProbabilities, Tensor? weight = null, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
    {
        ShapeException.Check(logits.Rank == 2, "CrossEntropy", "logits of shape [batch, classes]", logits);
        ShapeException.Check(targetProbabilities.Shape.SequenceEqual(logits.Shape), "CrossEntropy",
            "target probabilities shaped like the logits", logits, targetProbabilities);
        ShapeException.SameDevice("CrossEntropy", logits, targetProbabilities);
        CheckClassWeight("CrossEntropy", logits, weight);
        CheckLabelSmoothing("CrossEntropy", labelSmoothing);

        int classes = logits.Shape[1];
        var target = labelSmoothing > 0f ? Add(Mul(targetProbabilities, 1f - labelSmoothing), labelSmoothing / classes) : targetProbabilities;
        if (weight is not null) target = Mul(target, Reshape(weight, 1, classes));
        var perSample = Neg(Sum(Mul(LogSoftmax(logits, 1), target), [1]));
        return Reduce(perSample, reduction);
    }

    private static void CheckClassWeight(string op, Tensor logits, Tensor? weight)
    {
        if (weight is null) return;
        ShapeException.Check(weight.Rank == 1 && weight.Shape[0] == logits.Shape[1], op, $"a class weight of shape [{logits.Shape[1]}]", logits, weight);
        ShapeException.SameDevice(op, logits, weight);
    }

    private static void CheckLabelSmoothing(string op, float labelSmoothing)
    {
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, $"{op}: labelSmoothing must lie in [0, 1]; got {labelSmoothing}");
    }
}
