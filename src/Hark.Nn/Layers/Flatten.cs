using Hark.Tensors;

namespace Hark.Nn;

/// <summary>torch.nn.Flatten: merges dimensions start_dim..end_dim (default 1..-1, keeping the batch).</summary>
public sealed class Flatten(int startDim = 1, int endDim = -1) : Layer
{
    public int StartDim { get; } = startDim;
    public int EndDim { get; } = endDim;
    public override Tensor Forward(Tensor input) => Ops.Flatten(input, StartDim, EndDim);
}
