using System.Runtime.InteropServices;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// cblas_sgemm from the system's OpenBLAS (Debian libopenblas0-pthread), bound at run time so Hark runs without it.
/// OpenBLAS is held to one thread: Hark parallelises over the batch itself and two thread pools would fight for two cores.
/// </summary>
internal static unsafe class OpenBlas
{
    private const string LibraryName = "libopenblas.so.0";
    private const int RowMajor = 101, NoTranspose = 111, Transpose = 112;

    private static readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> sgemm;

    static OpenBlas()
    {
        if (!NativeLibrary.TryLoad(LibraryName, out var library)) return;
        if (!NativeLibrary.TryGetExport(library, "cblas_sgemm", out var sgemmExport)) return;
        if (NativeLibrary.TryGetExport(library, "openblas_set_num_threads", out var setThreads))
            ((delegate* unmanaged<int, void>)setThreads)(1);
        sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemmExport;
    }

    public static bool IsAvailable => sgemm != null;

    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
    {
        fixed (float* pa = a, pb = b, pc = c)
            sgemm(RowMajor, transposeA ? Transpose : NoTranspose, transposeB ? Transpose : NoTranspose,
                m, n, k, 1f, pa, lda, pb, ldb, accumulate ? 1f : 0f, pc, ldc);
    }
}
