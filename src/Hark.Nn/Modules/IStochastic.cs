using Hark.Tensors;

namespace Hark.Nn;

/// <summary>A module that draws random numbers in training (dropout); <see cref="Module.RandomGenerators"/> collects them so a trainer can reseed them.</summary>
public interface IStochastic
{
    IEnumerable<Generator> Generators { get; }
}
