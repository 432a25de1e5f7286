using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>max(x, 0) (torch.nn.functional.relu); the gradient at 0 is 0.</summary>
    public static Tensor Relu(Tensor x) => ApplyUnary("relu", UnaryOp.Relu, x);
}
