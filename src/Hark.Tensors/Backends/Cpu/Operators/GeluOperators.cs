using System.Runtime.Intrinsics;

namespace Hark.Tensors.Backends.Cpu.Operators;

/// <summary>
/// gelu(x) = x/2 (1 + erf(x/sqrt 2)) with erf from Abramowitz and Stegun 7.1.26 (|error| &lt; 1.5e-7), the same
/// approximation PyTorch's vectorised CPU kernel uses; the scalar tail uses it too so every length gives the same bits.
/// </summary>
internal readonly struct GeluOperator : IUnaryOperator
{
    public float Invoke(float x) => 0.5f * x * (1f + Erf.Invoke(x * Erf.InverseSqrt2));
    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Create(0.5f) * x * (Vector128<float>.One + Erf.Invoke(x * Erf.InverseSqrt2));
    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Create(0.5f) * x * (Vector256<float>.One + Erf.Invoke(x * Erf.InverseSqrt2));
    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Create(0.5f) * x * (Vector512<float>.One + Erf.Invoke(x * Erf.InverseSqrt2));
}

/// <summary>gelu'(x) = Phi(x) + x phi(x).</summary>
internal readonly struct GeluGradient : IUnaryGradientOperator
{
    private const float InverseSqrt2Pi = 0.3989422804014327f;

    public float Invoke(float x, float y, float dy) =>
        dy * (0.5f * (1f + Erf.Invoke(x * Erf.InverseSqrt2)) + x * InverseSqrt2Pi * MathF.Exp(-0.5f * x * x));

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> dy)
    {
        var half = Vector128.Create(0.5f);
        return dy * (half * (Vector128<float>.One + Erf.Invoke(x * Erf.InverseSqrt2)) + x * InverseSqrt2Pi * Vector128.Exp(-half * x * x));
    }

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy)
    {
        var half = Vector256.Create(0.5f);
        return dy * (half * (Vector256<float>.One + Erf.Invoke(x * Erf.InverseSqrt2)) + x * InverseSqrt2Pi * Vector256.Exp(-half * x * x));
    }

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy)
    {
        var half = Vector512.Create(0.5f);
        return dy * (half * (Vector512<float>.One + Erf.Invoke(x * Erf.InverseSqrt2)) + x * InverseSqrt2Pi * Vector512.Exp(-half * x * x));
    }
}

internal static class Erf
{
    public const float InverseSqrt2 = 0.70710678118654752f;
    private const float P = 0.3275911f, A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;

    public static float Invoke(float x)
    {
        float a = MathF.Abs(x), t = 1f / (1f + P * a);
        float r = ((((A5 * t + A4) * t + A3) * t + A2) * t + A1) * t;
        return MathF.CopySign(1f - r * MathF.Exp(-a * a), x);
    }

    public static Vector128<float> Invoke(Vector128<float> x)
    {
        var a = Vector128.Abs(x);
        var t = Vector128<float>.One / (Vector128<float>.One + P * a);
        var r = ((((Vector128.Create(A5) * t + Vector128.Create(A4)) * t + Vector128.Create(A3)) * t + Vector128.Create(A2)) * t + Vector128.Create(A1)) * t;
        return Vector128.CopySign(Vector128<float>.One - r * Vector128.Exp(-a * a), x);
    }

    public static Vector256<float> Invoke(Vector256<float> x)
    {
        var a = Vector256.Abs(x);
        var t = Vector256<float>.One / (Vector256<float>.One + P * a);
        var r = ((((Vector256.Create(A5) * t + Vector256.Create(A4)) * t + Vector256.Create(A3)) * t + Vector256.Create(A2)) * t + Vector256.Create(A1)) * t;
        return Vector256.CopySign(Vector256<float>.One - r * Vector256.Exp(-a * a), x);
    }

    public static Vector512<float> Invoke(Vector512<float> x)
    {
        var a = Vector512.Abs(x);
        var t = Vector512<float>.One / (Vector512<float>.One + P * a);
        var r = ((((Vector512.Create(A5) * t + Vector512.Create(A4)) * t + Vector512.Create(A3)) * t + Vector512.Create(A2)) * t + Vector512.Create(A1)) * t;
        return Vector512.CopySign(Vector512<float>.One - r * Vector512.Exp(-a * a), x);
    }
}
