using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>The hyperbolic tangent (torch.tanh).</summary>
    public static Tensor Tanh(Tensor x) => ApplyUnary("tanh", UnaryOp.Tanh, x);
}
