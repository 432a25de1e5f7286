using System.Runtime.Intrinsics;

namespace Hark.Tensors.Backends.Cpu.Operators;

internal readonly struct ReluOperator : IUnaryOperator
{
    public float Invoke(float x) => x > 0f ? x : float.IsNaN(x) ? x : 0f;
    public Vector128<float> Invoke(Vector128<float> x) => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero) | ~Vector128.Equals(x, x), x, Vector128<float>.Zero);
    public Vector256<float> Invoke(Vector256<float> x) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero) | ~Vector256.Equals(x, x), x, Vector256<float>.Zero);
    public Vector512<float> Invoke(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero) | ~Vector512.Equals(x, x), x, Vector512<float>.Zero);
}

/// <summary>relu'(x) = 1 where the output is positive (PyTorch's threshold_backward on the result).</summary>
internal readonly struct ReluGradient : IUnaryGradientOperator
{
    public float Invoke(float x, float y, float dy) => y > 0f ? dy : 0f;
    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> dy) => Vector128.GreaterThan(y, Vector128<float>.Zero) & dy;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy) => Vector256.GreaterThan(y, Vector256<float>.Zero) & dy;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy) => Vector512.GreaterThan(y, Vector512<float>.Zero) & dy;
}

internal readonly struct LeakyReluOperator(float negativeSlope) : IUnaryOperator
{
    public float Invoke(float x) => x > 0f ? x : x * negativeSlope;
    public Vector128<float> Invoke(Vector128<float> x) => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x, x * negativeSlope);
    public Vector256<float> Invoke(Vector256<float> x) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, x * negativeSlope);
    public Vector512<float> Invoke(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, x * negativeSlope);
}

internal readonly struct LeakyReluGradient(float negativeSlope) : IUnaryGradientOperator
{
    public float Invoke(float x, float y, float dy) => x > 0f ? dy : dy * negativeSlope;
    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> dy) => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), dy, dy * negativeSlope);
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), dy, dy * negativeSlope);
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), dy, dy * negativeSlope);
}

internal readonly struct ClampOperator(float min, float max) : IUnaryOperator
{
    public float Invoke(float x) => MathF.Min(MathF.Max(x, min), max);
    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Min(Vector128.Max(x, Vector128.Create(min)), Vector128.Create(max));
    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Min(Vector256.Max(x, Vector256.Create(min)), Vector256.Create(max));
    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Min(Vector512.Max(x, Vector512.Create(min)), Vector512.Create(max));
}

/// <summary>The gradient passes where min &lt;= x &lt;= max, bounds included, as in PyTorch.</summary>
internal readonly struct ClampGradient(float min, float max) : IUnaryGradientOperator
{
    public float Invoke(float x, float y, float dy) => x >= min && x <= max ? dy : 0f;
    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> dy) =>
        Vector128.GreaterThanOrEqual(x, Vector128.Create(min)) & Vector128.LessThanOrEqual(x, Vector128.Create(max)) & dy;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy) =>
        Vector256.GreaterThanOrEqual(x, Vector256.Create(min)) & Vector256.LessThanOrEqual(x, Vector256.Create(max)) & dy;

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy) =>
        Vector512.GreaterThanOrEqual(x, Vector512.Create(min)) & Vector512.LessThanOrEqual(x, Vector512.Create(max)) & dy;
}

internal readonly struct SiluOperator : IUnaryOperator
{
    public float Invoke(float x) => x / (1f + MathF.Exp(-x));
    public Vector128<float> Invoke(Vector128<float> x) => x / (Vector128<float>.One + Vector128.Exp(-x));
    public Vector256<float> Invoke(Vector256<float> x) => x / (Vector256<float>.One + Vector256.Exp(-x));
    public Vector512<float> Invoke(Vector512<float> x) => x / (Vector512<float>.One + Vector512.Exp(-x));
}

/// <summary>silu'(x) = s (1 + x (1 - s)) with s = sigmoid(x).</summary>
internal readonly struct SiluGradient : IUnaryGradientOperator
{
    public float Invoke(float x, float y, float dy)
    {
        float s = 1f / (1f + MathF.Exp(-x));
        return dy * s * (1f + x * (1f - s));
    }

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> dy)
    {
        var one = Vector128<float>.One;
        var s = one / (one + Vector128.Exp(-x));
        return dy * s * (one + x * (one - s));
    }

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy)
    {
        var one = Vector256<float>.One;
        var s = one / (one + Vector256.Exp(-x));
        return dy * s * (one + x * (one - s));
    }

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy)
    {
        var one = Vector512<float>.One;
        var s = one / (one + Vector512.Exp(-x));
        return dy * s * (one + x * (one - s));
    }
}

internal readonly struct SigmoidGradient : IUnaryGradientOperator
{
    public float Invoke(float x, float y, float dy) => dy * y * (1f - y);
    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> dy) => dy * y * (Vector128<float>.One - y);
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy) => dy * y * (Vector256<float>.One - y);
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy) => dy * y * (Vector512<float>.One - y);
}

internal readonly struct TanhGradient : IUnaryGradientOperator
{
    public float Invoke(float x, float y, float dy) => dy * (1f - y * y);
    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> dy) => dy * (Vector128<float>.One - y * y);
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy) => dy * (Vector256<float>.One - y * y);
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy) => dy * (Vector512<float>.One - y * y);
}

/// <summary>log sigmoid(x) = min(x, 0) - log(1 + e^-|x|): never overflows.</summary>
internal readonly struct LogSigmoidOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Min(x, 0f) - MathF.Log(1f + MathF.Exp(-MathF.Abs(x)));
    public Vector128<float> Invoke(Vector128<float> x) =>
        Vector128.Min(x, Vector128<float>.Zero) - Vector128.Log(Vector128<float>.One + Vector128.Exp(-Vector128.Abs(x)));
    public Vector256<float> Invoke(Vector256<float> x) =>
        Vector256.Min(x, Vector256<float>.Zero) - Vector256.Log(Vector256<float>.One + Vector256.Exp(-Vector256.Abs(x)));

    public Vector512<float> Invoke(Vector512<float> x) =>
        Vector512.Min(x, Vector512<float>.Zero) - Vector512.Log(Vector512<float>.One + Vector512.Exp(-Vector512.Abs(x)));
}

/// <summary>(log sigmoid)'(x) = sigmoid(-x).</summary>
internal readonly struct LogSigmoidGradient : IUnaryGradientOperator
{
    public float Invoke(float x, float y, float dy) => dy / (1f + MathF.Exp(x));
    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> dy) => dy / (Vector128<float>.One + Vector128.Exp(x));
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy) => dy / (Vector256<float>.One + Vector256.Exp(x));
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy) => dy / (Vector512<float>.One + Vector512.Exp(x));
}
