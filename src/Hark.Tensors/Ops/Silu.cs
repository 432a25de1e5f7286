using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>x * sigmoid(x) (torch.nn.functional.silu).</summary>
    public static Tensor Silu(Tensor x) => ApplyUnary("silu", UnaryOp.Silu, x);
}
