namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// The CPU's single-threaded GEMM: OpenBLAS for every product of at least <see cref="NativeMinimumWork"/> multiply-adds
/// (it measured faster than the managed kernel on every seed-000 convolution shape, even m=16 k=27; `bench gemm`),
/// the managed packed kernel for tiny products or when native code is forced off.
/// An OpenBLAS whose kernels stay narrower than the CPU's vector instructions (<see cref="OpenBlas.LagsBehindCpu"/>)
/// is used only if it beats the managed kernel on a convolution-sized product, timed once when the backend starts.
/// Callers parallelise around it (over batch entries or column blocks).
/// </summary>
internal sealed class CpuGemm
{
    /// <summary>Below this many multiply-adds the call overhead of the native library is not worth paying.</summary>
    public const long NativeMinimumWork = 4096;

    public CpuGemm(bool useNative)
    {
        if (!useNative || !OpenBlas.IsAvailable)
        {
            Description = useNative ? "managed (no OpenBLAS found)" : "managed";
            return;
        }
        string core = $"OpenBLAS, core: {OpenBlas.Selection}";
        if (!OpenBlas.LagsBehindCpu)
        {
            UsesNative = true;
            Description = $"{core}, managed below {NativeMinimumWork} multiply-adds";
            return;
        }
        double native = TrialGigaFlops(OpenBlas.Multiply), managed = TrialGigaFlops(ManagedGemm.Multiply);
        UsesNative = native > managed;
        Description = $"{(UsesNative ? core : $"managed, {core} not used")}; measured {native:F0} vs managed {managed:F0} GFLOP/s";
    }

    public bool UsesNative { get; }

    /// <summary>What runs the products and why, for the backend's log line.</summary>
    public string Description { get; }

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

    private delegate void Product(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate);

    /// <summary>The best of three runs of a 64 x 576 x 576 product (a 64-channel 3x3 convolution on 24x24), in GFLOP/s.</summary>
    private static double TrialGigaFlops(Product product)
    {
        const int m = 64, n = 576, k = 576;
        var a = new float[m * k];
        var b = new float[k * n];
        var c = new float[m * n];
        a.AsSpan().Fill(0.5f);
        b.AsSpan().Fill(0.25f);
        double best = double.MaxValue;
        for (int trial = 0; trial < 4; trial++)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            product(false, false, m, n, k, a, k, b, n, c, n, false);
            double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (trial > 0) best = Math.Min(best, seconds);
        }
        return 2.0 * m * n * k / best / 1e9;
    }
}
