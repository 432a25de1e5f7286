using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>x ^ exponent elementwise (torch.pow with a scalar exponent).</summary>
    public static Tensor Pow(Tensor x, float exponent) => ApplyUnary("pow", UnaryOp.Pow, x, exponent);
}
