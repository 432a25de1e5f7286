using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>The natural logarithm (torch.log).</summary>
    public static Tensor Log(Tensor x) => ApplyUnary("log", UnaryOp.Log, x);
}
