using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>-x (torch.neg).</summary>
    public static Tensor Neg(Tensor x) => ApplyUnary("neg", UnaryOp.Neg, x);
}
