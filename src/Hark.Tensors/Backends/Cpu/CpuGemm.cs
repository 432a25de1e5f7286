namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// The CPU's single-threaded GEMM: OpenBLAS for every product of at least <see cref="NativeMinimumWork"/> multiply-adds
/// (it measured faster than the managed kernel on every seed-000 convolution shape, even m=16 k=27; `bench gemm`),
/// the managed packed kernel for tiny products or when native code is forced off.
/// Callers parallelise around it (over batch entries or column blocks).
/// </summary>
internal sealed class CpuGemm(bool useNative)
{
    /// <summary>Below this many multiply-adds the call overhead of the native library is not worth paying.</summary>
    public const long NativeMinimumWork = 4096;

    public bool UsesNative { get; } = useNative && OpenBlas.IsAvailable;

    public string Description => UsesNative ? $"OpenBLAS, managed below {NativeMinimumWork} multiply-adds" : "managed";

    /// <summary>C[m, n] = op(A)[m, k] * op(B)[k, n] (+ C when accumulating), row-major with leading dimensions.</summary>
    public void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
    {
        if (UsesNative && (long)m * n * k >= NativeMinimumWork)
            OpenBlas.Multiply(transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
        else
            ManagedGemm.Multiply(transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
    }

    /// <summary>The same product split into column blocks over the cores when it is big enough to pay for the threads.</summary>
    public void MultiplyParallel(bool transposeA, bool transposeB, int m, int n, int k,
        float[] a, long offsetA, int lda, float[] b, long offsetB, int ldb, float[] c, long offsetC, int ldc, bool accumulate)
    {
        int workers = Parallelism.WorkersFor((long)m * n * k, minimumWorkPerWorker: 1 << 18);
        if (workers <= 1 || n < 32)
        {
            Multiply(transposeA, transposeB, m, n, k, a.AsSpan((int)offsetA), lda, b.AsSpan((int)offsetB), ldb, c.AsSpan((int)offsetC), ldc, accumulate);
            return;
        }
        int block = (n + workers - 1) / workers;
        block = (block + 15) / 16 * 16;
        Parallel.For(0, workers, w =>
        {
            int j0 = w * block, j1 = Math.Min(n, j0 + block);
            if (j0 >= j1) return;
            long bColumn = transposeB ? (long)j0 * ldb : j0;
            Multiply(transposeA, transposeB, m, j1 - j0, k,
                a.AsSpan((int)offsetA), lda, b.AsSpan((int)(offsetB + bColumn)), ldb, c.AsSpan((int)(offsetC + j0)), ldc, accumulate);
        });
    }
}
