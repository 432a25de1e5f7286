using System.Runtime.Intrinsics;

namespace Hark.Tensors.Backends.Cpu.Operators;

/// <summary>hardswish(x) = x * clamp(x + 3, 0, 6) / 6 (torch.nn.functional.hardswish, MobileNetV3).</summary>
internal readonly struct HardswishOperator : IUnaryOperator
{
    public float Invoke(float x) => x * MathF.Min(MathF.Max(x + 3f, 0f), 6f) * (1f / 6f);

    public Vector128<float> Invoke(Vector128<float> x) =>
        x * Vector128.Min(Vector128.Max(x + Vector128.Create(3f), Vector128<float>.Zero), Vector128.Create(6f)) * Vector128.Create(1f / 6f);

    public Vector256<float> Invoke(Vector256<float> x) =>
        x * Vector256.Min(Vector256.Max(x + Vector256.Create(3f), Vector256<float>.Zero), Vector256.Create(6f)) * Vector256.Create(1f / 6f);

    public Vector512<float> Invoke(Vector512<float> x) =>
        x * Vector512.Min(Vector512.Max(x + Vector512.Create(3f), Vector512<float>.Zero), Vector512.Create(6f)) * Vector512.Create(1f / 6f);
}

/// <summary>hardswish'(x) = 0 below -3, x / 3 + 1/2 on [-3, 3], 1 above (PyTorch's hardswish_backward).</summary>
internal readonly struct HardswishGradient : IUnaryGradientOperator
{
    public float Invoke(float x, float y, float dy) => x < -3f ? 0f : x <= 3f ? dy * (x * (1f / 3f) + 0.5f) : dy;

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> dy) =>
        Vector128.GreaterThanOrEqual(x, Vector128.Create(-3f))
        & Vector128.ConditionalSelect(Vector128.LessThanOrEqual(x, Vector128.Create(3f)), dy * (x * Vector128.Create(1f / 3f) + Vector128.Create(0.5f)), dy);

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> dy) =>
        Vector256.GreaterThanOrEqual(x, Vector256.Create(-3f))
        & Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256.Create(3f)), dy * (x * Vector256.Create(1f / 3f) + Vector256.Create(0.5f)), dy);

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> dy) =>
        Vector512.GreaterThanOrEqual(x, Vector512.Create(-3f))
        & Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512.Create(3f)), dy * (x * Vector512.Create(1f / 3f) + Vector512.Create(0.5f)), dy);
}
