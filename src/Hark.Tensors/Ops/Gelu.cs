using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>x * Phi(x) with the exact erf form (torch.nn.functional.gelu, approximate='none').</summary>
    public static Tensor Gelu(Tensor x) => ApplyUnary("gelu", UnaryOp.Gelu, x);
}
