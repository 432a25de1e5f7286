using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hark.Tensors.Backends.Cpu.Operators;

/// <summary>
/// The one loop every elementwise operator runs through: full blocks of the widest accelerated vector (Vector512 where
/// the CPU has AVX-512), then at most one block of each narrower width, then scalars for the last 0-3 elements. The tail is
/// not finished with one overlapping vector as TensorPrimitives does, because the output may be the input (in place).
/// Operators are structs, so the JIT specialises each call with no virtual dispatch.
/// </summary>
internal static class ElementwiseLoop
{
    public static void Apply<TOp>(TOp op, ReadOnlySpan<float> x, Span<float> y) where TOp : struct, IUnaryOperator
    {
        int n = x.Length, i = 0;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        if (Vector512.IsHardwareAccelerated)
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
                op.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
        if (Vector256.IsHardwareAccelerated)
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
                op.Invoke(Vector256.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
        if (Vector128.IsHardwareAccelerated)
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
                op.Invoke(Vector128.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref ys, i) = op.Invoke(Unsafe.Add(ref xs, i));
    }

    /// <summary>dx += op(x, y, dy) elementwise.</summary>
    public static void AccumulateGradient<TOp>(TOp op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
        where TOp : struct, IUnaryGradientOperator
    {
        int n = x.Length, i = 0;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float dys = ref MemoryMarshal.GetReference(dy);
        ref float dxs = ref MemoryMarshal.GetReference(dx);
        if (Vector512.IsHardwareAccelerated)
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var g = op.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)i), Vector512.LoadUnsafe(ref ys, (nuint)i), Vector512.LoadUnsafe(ref dys, (nuint)i));
                (Vector512.LoadUnsafe(ref dxs, (nuint)i) + g).StoreUnsafe(ref dxs, (nuint)i);
            }
        if (Vector256.IsHardwareAccelerated)
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var g = op.Invoke(Vector256.LoadUnsafe(ref xs, (nuint)i), Vector256.LoadUnsafe(ref ys, (nuint)i), Vector256.LoadUnsafe(ref dys, (nuint)i));
                (Vector256.LoadUnsafe(ref dxs, (nuint)i) + g).StoreUnsafe(ref dxs, (nuint)i);
            }
        if (Vector128.IsHardwareAccelerated)
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                var g = op.Invoke(Vector128.LoadUnsafe(ref xs, (nuint)i), Vector128.LoadUnsafe(ref ys, (nuint)i), Vector128.LoadUnsafe(ref dys, (nuint)i));
                (Vector128.LoadUnsafe(ref dxs, (nuint)i) + g).StoreUnsafe(ref dxs, (nuint)i);
            }
        for (; i < n; i++) Unsafe.Add(ref dxs, i) += op.Invoke(Unsafe.Add(ref xs, i), Unsafe.Add(ref ys, i), Unsafe.Add(ref dys, i));
    }
}
