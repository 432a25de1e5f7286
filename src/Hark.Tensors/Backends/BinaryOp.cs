namespace Hark.Tensors.Backends;

/// <summary>Elementwise functions of two broadcast tensors.</summary>
public enum BinaryOp
{
    Add,
    Sub,
    Mul,
    Div,
}
