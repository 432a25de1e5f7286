using ILGPU.Algorithms;

namespace Hark.Cuda.Kernels;

/// <summary>
/// One thread per element: fills, copies, the <see cref="UnaryOp"/> functions and their derivatives (as
/// <see cref="UnaryFunctions"/> defines them), broadcast binary ops and dropout masks (<see cref="CounterRandom"/>).
/// </summary>
public static class ElementwiseKernels
{
    public static void Fill(Index1D i, ArrayView<float> destination, float value) => destination[i] = value;

    public static void Copy(Index1D i, ArrayView<float> source, ArrayView<float> destination) => destination[i] = source[i];

    public static void AddInPlace(Index1D i, ArrayView<float> accumulator, ArrayView<float> addend) => accumulator[i] += addend[i];

    public static void Unary(Index1D i, ArrayView<float> input, ArrayView<float> output, int op, float alpha, float beta) =>
        output[i] = Forward(op, input[i], alpha, beta);

    // dInput += dOutput * f'(input), f'(x) given y = f(x)
    public static void UnaryBackward(Index1D i, ArrayView<float> input, ArrayView<float> output, ArrayView<float> dOutput, ArrayView<float> dInput,
        int op, float alpha, float beta) =>
        dInput[i] += dOutput[i] * Derivative(op, input[i], output[i], alpha, beta);

    // output = a op b; a and b read through broadcast strides of output's shape
    public static void Binary(Index1D i, ArrayView<float> a, ArrayView<float> b, ArrayView<float> output, Dims shape, Dims aStrides, Dims bStrides, int op)
    {
        float x = a[Dims.Offset(i, shape, aStrides)], y = b[Dims.Offset(i, shape, bStrides)];
        output[i] = op == (int)BinaryOp.Add ? x + y : op == (int)BinaryOp.Sub ? x - y : op == (int)BinaryOp.Mul ? x * y : x / y;
    }

    public static void DropoutMask(Index1D i, ArrayView<float> mask, float p, ulong seed) => mask[i] = CounterRandom.DropoutMask(seed, i, p);

    private static float Forward(int op, float x, float alpha, float beta) => (UnaryOp)op switch
    {
        UnaryOp.Neg => -x,
        UnaryOp.Exp => XMath.Exp(x),
        UnaryOp.Log => XMath.Log(x),
        UnaryOp.Sqrt => XMath.Sqrt(x),
        UnaryOp.Abs => XMath.Abs(x),
        UnaryOp.Pow => XMath.Pow(x, alpha),
        UnaryOp.Clamp => XMath.Min(XMath.Max(x, alpha), beta),
        UnaryOp.Relu => x > 0f ? x : 0f,
        UnaryOp.LeakyRelu => x > 0f ? x : x * alpha,
        UnaryOp.Gelu => x * NormalCdf(x),
        UnaryOp.Silu => x * Sigmoid(x),
        UnaryOp.Sigmoid => Sigmoid(x),
        UnaryOp.Tanh => XMath.Tanh(x),
        UnaryOp.LogSigmoid => XMath.Min(x, 0f) - XMath.Log(1f + XMath.Exp(-XMath.Abs(x))),
        UnaryOp.Hardswish => x * XMath.Min(XMath.Max(x + 3f, 0f), 6f) / 6f,
        _ => float.NaN, // a kernel cannot throw: an op missing here shows up as NaN in the conformance suite
    };

    private static float Derivative(int op, float x, float y, float alpha, float beta) => (UnaryOp)op switch
    {
        UnaryOp.Neg => -1f,
        UnaryOp.Exp => y,
        UnaryOp.Log => 1f / x,
        UnaryOp.Sqrt => 1f / (2f * y),
        UnaryOp.Abs => x > 0f ? 1f : x < 0f ? -1f : 0f,
        UnaryOp.Pow => alpha == 0f ? 0f : alpha * XMath.Pow(x, alpha - 1f),
        UnaryOp.Clamp => x >= alpha && x <= beta ? 1f : 0f,
        UnaryOp.Relu => y > 0f ? 1f : 0f,
        UnaryOp.LeakyRelu => x > 0f ? 1f : alpha,
        UnaryOp.Gelu => NormalCdf(x) + x * 0.3989422804014327f * XMath.Exp(-0.5f * x * x),
        UnaryOp.Silu => Sigmoid(x) * (1f + x * (1f - Sigmoid(x))),
        UnaryOp.Sigmoid => y * (1f - y),
        UnaryOp.Tanh => 1f - y * y,
        UnaryOp.LogSigmoid => Sigmoid(-x),
        UnaryOp.Hardswish => x < -3f ? 0f : x <= 3f ? x / 3f + 0.5f : 1f,
        _ => float.NaN,
    };

    private static float Sigmoid(float x) => 1f / (1f + XMath.Exp(-x));

    private static float NormalCdf(float x) => 0.5f * (1f + Erf(x * 0.7071067811865476f));

    /// <summary>
    /// erf in float by the same Maclaurin series and erfc continued fraction as <see cref="UnaryFunctions.Erf{T}"/>, with
    /// fixed term counts (24 and 40) that reach float precision on either side of |x| = 1.5.
    /// </summary>
    private static float Erf(float x)
    {
        float a = XMath.Abs(x), result;
        if (a < 1.5f)
        {
            float term = a, sum = a, square = a * a;
            for (int n = 1; n < 24; n++)
            {
                term *= -square / n;
                sum += term / (2 * n + 1);
            }
            result = 1.1283791670955126f * sum;
        }
        else
        {
            float fraction = a;
            for (int k = 40; k >= 1; k--) fraction = a + k * 0.5f / fraction;
            result = 1f - XMath.Exp(-a * a) / (1.7724538509055159f * fraction);
        }
        return x < 0f ? -result : result;
    }
}
