namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>The mean of every element, as a rank-0 tensor (torch.mean).</summary>
    public static Tensor Mean(Tensor x) => Mean(x, []);

    /// <summary>The mean over <paramref name="axes"/> (empty means all), like torch.mean(x, dim, keepdim).</summary>
    public static Tensor Mean(Tensor x, int[] axes, bool keepDim = false) => ScaledSum("Mean", x, axes, keepDim, mean: true);
}
