using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>x * clamp(x + 3, 0, 6) / 6 (torch.nn.functional.hardswish).</summary>
    public static Tensor Hardswish(Tensor x) => ApplyUnary("hardswish", UnaryOp.Hardswish, x);
}
