using Hark.Tensors;

namespace Hark.Nn;

/// <summary>torch.nn.SiLU (swish): x * sigmoid(x).</summary>
public sealed class SiLU : Layer
{
    public override Tensor Forward(Tensor input) => Ops.Silu(input);
}
