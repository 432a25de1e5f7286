using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>Targets for mixed batches: one-hot encoding with timm's smoothing, and lam * y + (1 - lam) * y[perm] for one-hot or multi-hot rows.</summary>
public static class TargetMixing
{
    /// <summary>
    /// [batch, classes] one-hot rows; with smoothing s the off value is s / classes and the on value 1 - s + s / classes
    /// (timm's one_hot/mixup_target, and the targets torch's label_smoothing implies).
    /// </summary>
    public static Tensor OneHot(int[] labels, int classes, float smoothing = 0f)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "TargetMixing.OneHot: expected at least one class");
        if (!(smoothing >= 0f && smoothing <= 1f)) throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "TargetMixing.OneHot: smoothing must lie in [0, 1]");
        float off = smoothing / classes, on = 1f - smoothing + off;
        var targets = Tensor.Full([labels.Length, classes], off);
        var data = targets.Span;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || labels[i] >= classes)
                throw new ArgumentOutOfRangeException(nameof(labels), $"TargetMixing.OneHot: label {labels[i]} at row {i} is outside 0..{classes - 1}");
            data[i * classes + labels[i]] = on;
        }
        return targets;
    }

    public static Tensor Mix(Tensor targets, MixResult mix)
    {
        ArgumentNullException.ThrowIfNull(mix);
        return Mix(targets, mix.Permutation, mix.Lambda);
    }

    /// <summary>lambda * targets + (1 - lambda) * targets[permutation] as a new [batch, classes] tensor.</summary>
    public static Tensor Mix(Tensor targets, int[] permutation, float lambda)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ShapeException.Check(targets.Rank == 2, "TargetMixing.Mix", "targets [batch, classes]", targets);
        MixInputs.CheckPermutation(permutation, targets.Shape[0], "TargetMixing.Mix");
        int classes = targets.Shape[1];
        var mixed = Tensor.Empty(targets.Shape);
        ReadOnlySpan<float> source = targets.Span;
        var target = mixed.Span;
        for (int i = 0; i < permutation.Length; i++)
        {
            var destination = target.Slice(i * classes, classes);
            TensorPrimitives.Multiply(source.Slice(i * classes, classes), lambda, destination);
            TensorPrimitives.MultiplyAdd(source.Slice(permutation[i] * classes, classes), 1f - lambda, destination, destination);
        }
        return mixed;
    }
}
