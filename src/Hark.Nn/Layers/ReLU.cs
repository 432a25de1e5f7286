using Hark.Tensors;

namespace Hark.Nn;

/// <summary>torch.nn.ReLU.</summary>
public sealed class ReLU : Layer
{
    public override Tensor Forward(Tensor input) => Ops.Relu(input);
}
