using System.Numerics;

namespace Hark.Tensors.Backends.Cpu.Reference;

/// <summary>
/// Plain elementwise kernels, one element at a time, generic over the float type so that tests run them in double for
/// finite-difference gradient checks. The fast kernels in <see cref="CpuBackend"/> are compared against these; the unary
/// functions and their derivatives are <see cref="UnaryFunctions"/>, the one definition every backend is checked against.
/// </summary>
internal static class ReferenceElementwise
{
    public static void Unary<T>(UnaryOp op, ReadOnlySpan<T> input, Span<T> output, T alpha, T beta) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < input.Length; i++) output[i] = UnaryFunctions.Forward(op, input[i], alpha, beta);
    }

    /// <summary>dInput += dOutput * f'(input).</summary>
    public static void UnaryBackward<T>(UnaryOp op, ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> dOutput, Span<T> dInput, T alpha, T beta)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < input.Length; i++) dInput[i] += dOutput[i] * UnaryFunctions.Derivative(op, input[i], output[i], alpha, beta);
    }

    public static T Binary<T>(BinaryOp op, T a, T b) where T : IFloatingPointIeee754<T> => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Sub => a - b,
        BinaryOp.Mul => a * b,
        BinaryOp.Div => a / b,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>The partial derivatives of a op b with respect to a and b.</summary>
    public static (T DA, T DB) BinaryDerivatives<T>(BinaryOp op, T a, T b) where T : IFloatingPointIeee754<T> => op switch
    {
        BinaryOp.Add => (T.One, T.One),
        BinaryOp.Sub => (T.One, -T.One),
        BinaryOp.Mul => (b, a),
        BinaryOp.Div => (T.One / b, -a / (b * b)),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };
}
