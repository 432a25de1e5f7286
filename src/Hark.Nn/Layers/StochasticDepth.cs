using Hark.Tensors;

namespace Hark.Nn;

/// <summary>torchvision.ops.StochasticDepth(p, mode="row"): drops a residual branch per sample in training (<see cref="Ops.DropPath"/>); identity in evaluation.</summary>
public sealed class StochasticDepth : Layer, IStochastic
{
    private readonly Generator generator;

    public StochasticDepth(Generator generator, double p)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "StochasticDepth: p must lie in [0, 1]");
        this.generator = generator;
        P = p;
    }

    public double P { get; }

    public IEnumerable<Generator> Generators => [generator];

    public override Tensor Forward(Tensor input) => Ops.DropPath(input, (float)P, Training, generator);
}
