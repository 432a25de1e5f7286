using System.Runtime.Intrinsics;

namespace Hark.Tensors.Backends.Cpu.Operators;

internal readonly struct NegGradient : IUnaryGradientOperator
{
    public float Invoke(float x, float y, float dy) => -dy;
    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> dy) => -dy;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy) => -dy;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy) => -dy;
}

internal readonly struct ExpGradient : IUnaryGradientOperator
{
    public float Invoke(float x, float y, float dy) => dy * y;
    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> dy) => dy * y;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy) => dy * y;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy) => dy * y;
}

internal readonly struct LogGradient : IUnaryGradientOperator
{
    public float Invoke(float x, float y, float dy) => dy / x;
    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> dy) => dy / x;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy) => dy / x;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy) => dy / x;
}

internal readonly struct SqrtGradient : IUnaryGradientOperator
{
    public float Invoke(float x, float y, float dy) => dy / (2f * y);
    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> dy) => dy / (y + y);
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy) => dy / (y + y);
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy) => dy / (y + y);
}

/// <summary>|x|' = sign(x), 0 at 0.</summary>
internal readonly struct AbsGradient : IUnaryGradientOperator
{
    public float Invoke(float x, float y, float dy) => x > 0f ? dy : x < 0f ? -dy : 0f;

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> dy) =>
        (Vector128.GreaterThan(x, Vector128<float>.Zero) & dy) - (Vector128.LessThan(x, Vector128<float>.Zero) & dy);

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy) =>
        (Vector256.GreaterThan(x, Vector256<float>.Zero) & dy) - (Vector256.LessThan(x, Vector256<float>.Zero) & dy);

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy) =>
        (Vector512.GreaterThan(x, Vector512<float>.Zero) & dy) - (Vector512.LessThan(x, Vector512<float>.Zero) & dy);
}
