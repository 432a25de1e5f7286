using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>e^x (torch.exp).</summary>
    public static Tensor Exp(Tensor x) => ApplyUnary("exp", UnaryOp.Exp, x);
}
