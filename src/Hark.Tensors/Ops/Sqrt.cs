using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>The square root (torch.sqrt).</summary>
    public static Tensor Sqrt(Tensor x) => ApplyUnary("sqrt", UnaryOp.Sqrt, x);
}
