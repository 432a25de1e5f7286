using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>min(max(x, min), max) (torch.clamp); pass infinities for a one-sided clamp. The gradient passes where min &lt;= x &lt;= max.</summary>
    public static Tensor Clamp(Tensor x, float min, float max)
    {
        if (min > max) throw new ArgumentException($"Clamp: min {min} is greater than max {max} (tensor of shape {ShapeException.Format(x.Shape)})");
        return ApplyUnary("clamp", UnaryOp.Clamp, x, min, max);
    }
}
