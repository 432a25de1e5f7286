using Hark.Tensors;

namespace Hark.Nn;

/// <summary>torch.nn.LeakyReLU with torch's default negative_slope 0.01.</summary>
public sealed class LeakyReLU(double negativeSlope = 0.01) : Layer
{
    public double NegativeSlope { get; } = negativeSlope;
    public override Tensor Forward(Tensor input) => Ops.LeakyRelu(input, (float)NegativeSlope);
}
