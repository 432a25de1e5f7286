namespace Hark.Tensors;

/// <summary>How a loss reduces its per-element values, as PyTorch's <c>reduction=</c> argument.</summary>
public enum Reduction
{
    /// <summary>Per-element losses, shaped like the input (per sample for cross entropy).</summary>
    None,
    Mean,
    Sum,
}

public static partial class Ops
{
    /// <summary>A loss's per-element values reduced as <paramref name="reduction"/> says.</summary>
    public static Tensor Reduce(Tensor loss, Reduction reduction) => reduction switch
    {
        Reduction.None => loss,
        Reduction.Mean => Mean(loss),
        Reduction.Sum => Sum(loss),
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, null),
    };
}
