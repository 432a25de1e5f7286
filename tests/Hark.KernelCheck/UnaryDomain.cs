using Hark.Tensors;
using Hark.Tensors.Backends;

namespace Hark.KernelCheck;

/// <summary>Inputs inside each unary op's domain and away from its kinks, so reference, fast and finite-difference results are comparable.</summary>
public static class UnaryDomain
{
    public static (float Alpha, float Beta) Parameters(UnaryOp op) => op switch
    {
        UnaryOp.Pow => (2.5f, 0f),
        UnaryOp.LeakyRelu => (0.1f, 0f),
        UnaryOp.Clamp => (-0.5f, 0.7f),
        _ => (0f, 0f),
    };

    public static double Sample(UnaryOp op, Generator generator)
    {
        while (true)
        {
            double x = op switch
            {
                UnaryOp.Log or UnaryOp.Sqrt or UnaryOp.Pow => 0.2 + 2.5 * generator.NextDouble(),
                UnaryOp.Exp => -4 + 8 * generator.NextDouble(),
                UnaryOp.LogSigmoid or UnaryOp.Sigmoid or UnaryOp.Silu => -12 + 24 * generator.NextDouble(),
                _ => -4 + 8 * generator.NextDouble(),
            };
            bool nearKink = op switch
            {
                UnaryOp.Relu or UnaryOp.LeakyRelu or UnaryOp.Abs => Math.Abs(x) < 1e-3,
                UnaryOp.Clamp => Math.Abs(x + 0.5) < 1e-3 || Math.Abs(x - 0.7) < 1e-3,
                UnaryOp.Hardswish => Math.Abs(Math.Abs(x) - 3) < 1e-3,
                _ => false,
            };
            if (!nearKink) return (float)x; // representable in float32, so both precisions see the same input
        }
    }
}
