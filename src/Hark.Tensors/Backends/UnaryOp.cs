namespace Hark.Tensors.Backends;

/// <summary>
/// Elementwise functions of one tensor. Parameterised ones read <c>alpha</c>/<c>beta</c>:
/// <see cref="Pow"/> (alpha = exponent), <see cref="LeakyRelu"/> (alpha = negative slope), <see cref="Clamp"/> (alpha = min, beta = max).
/// </summary>
public enum UnaryOp
{
    Neg,
    Exp,
    Log,
    Sqrt,
    Abs,
    Pow,
    Clamp,
    Relu,
    LeakyRelu,
    Gelu,
    Silu,
    Sigmoid,
    Tanh,
    LogSigmoid,
    Hardswish,
}
