using System.Runtime.InteropServices;
using ILGPU.Runtime.Cuda;

namespace Hark.Cuda;

/// <summary>
/// cuBLAS's <c>cublasSgemmStridedBatched</c> through function pointers, on the accelerator's stream. cuBLAS is
/// column-major: the row-major C = op(A) op(B) is computed as the column-major C^T = op(B)^T op(A)^T, which reads the
/// same memory with A and B swapped. Loaded only for a real GPU; without the library GEMM stays on the ILGPU kernel.
/// </summary>
internal sealed unsafe class CuBlas : IDisposable
{
    /// <summary>The library names tried, newest CUDA first (CUDA 13's wheels ship libcublas.so.13).</summary>
    public static readonly string[] LibraryNames = OperatingSystem.IsWindows()
        ? ["cublas64_13.dll", "cublas64_12.dll"]
        : ["libcublas.so.13", "libcublas.so.12", "libcublas.so"];

    private const int NoTranspose = 0, Transpose = 1;

    private readonly nint library, handle;
    private readonly delegate* unmanaged<nint, int> destroy;
    private readonly delegate* unmanaged<nint, int, int, int, int, int, float*, nint, int, long, nint, int, long, float*, nint, int, long, int, int> sgemmStridedBatched;

    private CuBlas(nint library)
    {
        this.library = library;
        var create = (delegate* unmanaged<nint*, int>)NativeLibrary.GetExport(library, "cublasCreate_v2");
        destroy = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "cublasDestroy_v2");
        sgemmStridedBatched = (delegate* unmanaged<nint, int, int, int, int, int, float*, nint, int, long, nint, int, long, float*, nint, int, long, int, int>)
            NativeLibrary.GetExport(library, "cublasSgemmStridedBatched");
        nint created;
        Check(create(&created), "cublasCreate");
        handle = created;
    }

    /// <summary>The library name that loads, or null.</summary>
    public static string? Find()
    {
        foreach (var name in LibraryNames)
            if (NativeLibrary.TryLoad(name, out var loaded))
            {
                NativeLibrary.Free(loaded);
                return name;
            }
        return null;
    }

    /// <summary>cuBLAS bound to the accelerator's stream, or null when the accelerator is not a GPU or no library loads.</summary>
    public static CuBlas? TryCreate(Accelerator accelerator)
    {
        if (accelerator is not CudaAccelerator || Environment.GetEnvironmentVariable(BackendRegistry.ForceManagedVariable) == "1") return null;
        foreach (var name in LibraryNames)
            if (NativeLibrary.TryLoad(name, out var library))
            {
                var blas = new CuBlas(library);
                var setStream = (delegate* unmanaged<nint, nint, int>)NativeLibrary.GetExport(library, "cublasSetStream_v2");
                Check(setStream(blas.handle, ((CudaStream)accelerator.DefaultStream).StreamPtr), "cublasSetStream");
                return blas;
            }
        return null;
    }

    public void Gemm(in GemmDescriptor g, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c)
    {
        float alpha = 1f, beta = g.Accumulate ? 1f : 0f;
        Check(sgemmStridedBatched(handle, g.TransposeB ? Transpose : NoTranspose, g.TransposeA ? Transpose : NoTranspose, g.N, g.M, g.K,
            &alpha, Address(b, g.OffsetB), g.LeadingB, g.StrideB, Address(a, g.OffsetA), g.LeadingA, g.StrideA,
            &beta, Address(c, g.OffsetC), g.LeadingC, g.StrideC, g.Batch), "cublasSgemmStridedBatched");
    }

    private static nint Address(ArrayView<float> view, long offset) =>
        ArrayViewExtensions.LoadEffectiveAddressAsPtr(view) + (nint)(offset * sizeof(float));

    private static void Check(int status, string call)
    {
        if (status != 0) throw new InvalidOperationException($"{call} failed with cuBLAS status {status}");
    }

    public void Dispose()
    {
        destroy(handle);
        NativeLibrary.Free(library);
    }
}
