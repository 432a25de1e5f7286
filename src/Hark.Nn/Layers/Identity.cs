using Hark.Tensors;

namespace Hark.Nn;

/// <summary>torch.nn.Identity: returns its input, e.g. to switch a layer off without changing the indices of the others.</summary>
public sealed class Identity : Layer
{
    public override Tensor Forward(Tensor input) => input;
}
