namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>
    /// The variance over <paramref name="axes"/>: sum((x - mean)^2) / (n - correction), like torch.var(x, dim, correction=, keepdim=)
    /// (correction 1 is the unbiased estimate, 0 the population variance). Composed of other ops, so its gradient needs no rule of its own.
    /// </summary>
    public static Tensor Var(Tensor x, int[] axes, int correction = 1, bool keepDim = false)
    {
        var reduced = NormalizeAxes("Var", x, axes);
        int count = 1;
        foreach (var a in reduced) count *= x.Shape[a];
        var centered = Sub(x, Mean(x, reduced, keepDim: true));
        var squares = Sum(Mul(centered, centered), reduced, keepDim);
        // n <= correction gives inf or NaN, as in PyTorch
        return Div(squares, Math.Max(0, count - correction));
    }
}
