using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>x for x &gt; 0, else negativeSlope * x (torch.nn.functional.leaky_relu).</summary>
    public static Tensor LeakyRelu(Tensor x, float negativeSlope = 0.01f) => ApplyUnary("leaky_relu", UnaryOp.LeakyRelu, x, negativeSlope);
}
