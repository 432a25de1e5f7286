using Hark.Tensors;

namespace Hark.Nn;

/// <summary>torch.nn.GELU (the exact erf form, torch's default approximate='none').</summary>
public sealed class GELU : Layer
{
    public override Tensor Forward(Tensor input) => Ops.Gelu(input);
}
