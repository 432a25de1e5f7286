using System.Runtime.InteropServices;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// cblas_sgemm from the system's OpenBLAS (Debian libopenblas0-pthread), bound at run time so Hark runs without it.
/// OpenBLAS is held to one thread: Hark parallelises over the batch itself and two thread pools would fight for two cores.
/// When OpenBLAS picked a kernel set narrower than the CPU's features allow (<see cref="OpenBlasCore"/>), the library is
/// unloaded and loaded again with OPENBLAS_CORETYPE naming the set that matches those features: OpenBLAS reads the
/// variable only while it initialises. A user's own OPENBLAS_CORETYPE is left alone.
/// </summary>
internal static unsafe class OpenBlas
{
    private const string LibraryName = "libopenblas.so.0", CoreTypeVariable = "OPENBLAS_CORETYPE";
    private const int RowMajor = 101, NoTranspose = 111, Transpose = 112;

    private static readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> sgemm;

    static OpenBlas()
    {
        if (!NativeLibrary.TryLoad(LibraryName, out var library)) return;
        string detected = CoreNameOf(library);
        CoreName = Selection = detected;
        string? wanted = OpenBlasCore.For(CpuFeatures.Widest);
        if (Environment.GetEnvironmentVariable(CoreTypeVariable) is null && wanted is not null && OpenBlasCore.LagsBehind(detected, CpuFeatures.Widest))
        {
            NativeLibrary.Free(library);
            NativeEnvironment.SetDefault(CoreTypeVariable, wanted);
            if (!NativeLibrary.TryLoad(LibraryName, out library)) return;
            CoreName = CoreNameOf(library);
            Selection = $"{CoreName}, chosen by CPU features over {detected}";
        }
        if (!NativeLibrary.TryGetExport(library, "cblas_sgemm", out var sgemmExport)) return;
        if (NativeLibrary.TryGetExport(library, "openblas_set_num_threads", out var setThreads))
            ((delegate* unmanaged<int, void>)setThreads)(1);
        sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemmExport;
    }

    public static bool IsAvailable => sgemm != null;

    /// <summary>The kernel set OpenBLAS runs (openblas_get_corename), or "unknown" when the library does not say.</summary>
    public static string CoreName { get; } = "unknown";

    /// <summary>The kernel set and, when Hark replaced OpenBLAS's own choice, the one it replaced; for the backend's log line.</summary>
    public static string Selection { get; } = "unknown";

    /// <summary>True when the kernel set in use is still narrower than the CPU's vector instructions (a library without DYNAMIC_ARCH, or a user's OPENBLAS_CORETYPE).</summary>
    public static bool LagsBehindCpu => OpenBlasCore.LagsBehind(CoreName, CpuFeatures.Widest);

    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
    {
        fixed (float* pa = a, pb = b, pc = c)
            sgemm(RowMajor, transposeA ? Transpose : NoTranspose, transposeB ? Transpose : NoTranspose,
                m, n, k, 1f, pa, lda, pb, ldb, accumulate ? 1f : 0f, pc, ldc);
    }

    private static string CoreNameOf(nint library) =>
        NativeLibrary.TryGetExport(library, "openblas_get_corename", out var export)
            ? Marshal.PtrToStringAnsi(((delegate* unmanaged<nint>)export)()) ?? "unknown"
            : "unknown";
}
