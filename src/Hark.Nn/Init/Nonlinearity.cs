namespace Hark.Nn;

/// <summary>The activation an initialisation is scaled for (torch.nn.init.calculate_gain's names).</summary>
public enum Nonlinearity
{
    Linear,
    Conv,
    Sigmoid,
    Tanh,
    Relu,
    LeakyRelu,
    Selu,
}
