using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>|x| (torch.abs); the gradient at 0 is 0.</summary>
    public static Tensor Abs(Tensor x) => ApplyUnary("abs", UnaryOp.Abs, x);
}
