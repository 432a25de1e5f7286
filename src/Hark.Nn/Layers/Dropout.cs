using Hark.Tensors;

namespace Hark.Nn;

/// <summary>torch.nn.Dropout: in training zeroes each element with probability p and scales the rest by 1/(1-p); identity in evaluation.</summary>
public sealed class Dropout : Layer, IStochastic
{
    private readonly Generator generator;

    public Dropout(Generator generator, double p = 0.5)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout: p must lie in [0, 1]");
        this.generator = generator;
        P = p;
    }

    public double P { get; }

    public IEnumerable<Generator> Generators => [generator];

    public override Tensor Forward(Tensor input) => Ops.Dropout(input, (float)P, Training, generator);
}
