using System.Numerics;

namespace Hark.Tensors.Backends;

/// <summary>
/// The elementwise functions of <see cref="UnaryOp"/> and their derivatives, defined once, generic over the float type:
/// the reference kernels run them (in double for the finite-difference checks), a backend may run them in its own
/// kernels (dInput += dOutput * Derivative(op, x, y, ...)), and every backend's fast kernels are compared with them by
/// the conformance suite. Derivatives take y = f(x) too, since several are cheapest from the output.
/// </summary>
public static class UnaryFunctions
{
    public static T Forward<T>(UnaryOp op, T x, T alpha, T beta) where T : IFloatingPointIeee754<T> => op switch
    {
        UnaryOp.Neg => -x,
        UnaryOp.Exp => T.Exp(x),
        UnaryOp.Log => T.Log(x),
        UnaryOp.Sqrt => T.Sqrt(x),
        UnaryOp.Abs => T.Abs(x),
        UnaryOp.Pow => T.Pow(x, alpha),
        UnaryOp.Clamp => T.Min(T.Max(x, alpha), beta),
        UnaryOp.Relu => x > T.Zero ? x : T.Zero,
        UnaryOp.LeakyRelu => x > T.Zero ? x : x * alpha,
        UnaryOp.Gelu => x * Half<T>() * (T.One + Erf(x / T.Sqrt(Two<T>()))),
        UnaryOp.Silu => x * Sigmoid(x),
        UnaryOp.Sigmoid => Sigmoid(x),
        UnaryOp.Tanh => T.Tanh(x),
        UnaryOp.LogSigmoid => T.Min(x, T.Zero) - T.Log(T.One + T.Exp(-T.Abs(x))),
        UnaryOp.Hardswish => x * T.Min(T.Max(x + Three<T>(), T.Zero), Three<T>() + Three<T>()) / (Three<T>() + Three<T>()),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>f'(x), given y = f(x); conventions at kinks follow PyTorch (relu'(0) = 0, |x|'(0) = 0, clamp passes its bounds, hardswish'(x) = x/3 + 1/2 on [-3, 3]).</summary>
    public static T Derivative<T>(UnaryOp op, T x, T y, T alpha, T beta) where T : IFloatingPointIeee754<T> => op switch
    {
        UnaryOp.Neg => -T.One,
        UnaryOp.Exp => y,
        UnaryOp.Log => T.One / x,
        UnaryOp.Sqrt => T.One / (Two<T>() * y),
        UnaryOp.Abs => x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero,
        UnaryOp.Pow => alpha == T.Zero ? T.Zero : alpha * T.Pow(x, alpha - T.One),
        UnaryOp.Clamp => x >= alpha && x <= beta ? T.One : T.Zero,
        UnaryOp.Relu => y > T.Zero ? T.One : T.Zero,
        UnaryOp.LeakyRelu => x > T.Zero ? T.One : alpha,
        UnaryOp.Gelu => NormalCdf(x) + x * NormalPdf(x),
        UnaryOp.Silu => Sigmoid(x) * (T.One + x * (T.One - Sigmoid(x))),
        UnaryOp.Sigmoid => y * (T.One - y),
        UnaryOp.Tanh => T.One - y * y,
        UnaryOp.LogSigmoid => Sigmoid(-x),
        UnaryOp.Hardswish => x < -Three<T>() ? T.Zero : x <= Three<T>() ? x / Three<T>() + Half<T>() : T.One,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    public static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));

    public static T NormalCdf<T>(T x) where T : IFloatingPointIeee754<T> => Half<T>() * (T.One + Erf(x / T.Sqrt(Two<T>())));

    public static T NormalPdf<T>(T x) where T : IFloatingPointIeee754<T> =>
        T.Exp(-Half<T>() * x * x) / T.Sqrt(Two<T>() * T.Pi);

    /// <summary>
    /// The error function to double precision whatever T is: the Maclaurin series below |x| = 1.5, the continued fraction
    /// of erfc above (.NET has no Math.Erf).
    /// </summary>
    public static T Erf<T>(T x) where T : IFloatingPointIeee754<T>
    {
        double v = double.CreateTruncating(x);
        if (double.IsNaN(v)) return T.NaN;
        double a = Math.Abs(v), result;
        if (a < 1.5)
        {
            double term = a, sum = a, square = a * a;
            for (int n = 1; n < 200 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
            {
                term *= -square / n;
                sum += term / (2 * n + 1);
            }
            result = 2.0 / Math.Sqrt(Math.PI) * sum;
        }
        else
        {
            double fraction = a;
            for (int k = 80; k >= 1; k--) fraction = a + k / 2.0 / fraction;
            result = 1.0 - Math.Exp(-a * a) / (Math.Sqrt(Math.PI) * fraction);
        }
        return T.CreateTruncating(v < 0 ? -result : result);
    }

    private static T Half<T>() where T : IFloatingPointIeee754<T> => T.One / Two<T>();
    private static T Two<T>() where T : IFloatingPointIeee754<T> => T.One + T.One;
    private static T Three<T>() where T : IFloatingPointIeee754<T> => Two<T>() + T.One;
}
