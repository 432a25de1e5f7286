using Hark.Tensors;

namespace Hark.Nn;

/// <summary>A module with one tensor in and one tensor out: what <see cref="Sequential"/> chains.</summary>
public abstract class Layer : Module
{
    public abstract Tensor Forward(Tensor input);
}
