using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>1 / (1 + e^-x) (torch.sigmoid).</summary>
    public static Tensor Sigmoid(Tensor x) => ApplyUnary("sigmoid", UnaryOp.Sigmoid, x);
}
