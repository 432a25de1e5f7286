using System.Runtime.Intrinsics;

namespace Hark.Tensors.Backends.Cpu.Operators;

/// <summary>y = f(x), with a scalar path and one per vector width; <see cref="ElementwiseLoop"/> drives it (TensorPrimitives' pattern).</summary>
internal interface IUnaryOperator
{
    float Invoke(float x);
    Vector128<float> Invoke(Vector128<float> x);
    Vector256<float> Invoke(Vector256<float> x);
    Vector512<float> Invoke(Vector512<float> x);
}

/// <summary>dx = dy * f'(x), given x, y = f(x) and dy; the loop adds the result into the input gradient.</summary>
internal interface IUnaryGradientOperator
{
    float Invoke(float x, float y, float dy);
    Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> dy);
    Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy);
    Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy);
}
