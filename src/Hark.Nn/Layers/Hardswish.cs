using Hark.Tensors;

namespace Hark.Nn;

/// <summary>torch.nn.Hardswish: x * clamp(x + 3, 0, 6) / 6.</summary>
public sealed class Hardswish : Layer
{
    public override Tensor Forward(Tensor input) => Ops.Hardswish(input);
}
