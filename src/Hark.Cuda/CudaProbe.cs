using System.Runtime.InteropServices;
using ILGPU.Runtime.Cuda;

namespace Hark.Cuda;

/// <summary>
/// What a machine has for CUDA, looked for in order: the driver library (libcuda), the CUDA runtime libraries Hark uses
/// (cuBLAS), and the devices the driver reports. <see cref="Explanation"/> says in one line what was and was not found.
/// </summary>
public sealed record CudaProbe(int Index, string DriverLibrary, bool DriverFound, string? BlasLibrary, IReadOnlyList<string> Devices)
{
    public static string DriverLibraryName => OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1";

    /// <summary>True when device <see cref="Index"/> exists (cuBLAS is optional: GEMM then runs on an ILGPU kernel).</summary>
    public bool Usable => DriverFound && Index < Devices.Count;

    public static CudaProbe Run(int index)
    {
        bool driver = NativeLibrary.TryLoad(DriverLibraryName, out var loaded);
        if (driver) NativeLibrary.Free(loaded);
        var devices = new List<string>();
        if (driver)
        {
            using var context = Context.Create(builder => builder.Cuda());
            foreach (var device in context.GetCudaDevices()) devices.Add(device.Name);
        }
        return new CudaProbe(index, DriverLibraryName, driver, CuBlas.Find(), devices);
    }

    public string Explanation
    {
        get
        {
            string runtime = BlasLibrary is null
                ? $"the CUDA runtime library cuBLAS ({string.Join(", ", CuBlas.LibraryNames)}) was not found"
                : $"cuBLAS: {BlasLibrary}";
            string path = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") is { Length: > 0 } p ? $"LD_LIBRARY_PATH={p}" : "LD_LIBRARY_PATH is not set";
            if (!DriverFound)
                return $"no usable CUDA GPU: the NVIDIA driver library {DriverLibrary} was not found (install the NVIDIA driver); {runtime} ({path}); so no CUDA device could be looked for";
            if (Devices.Count == 0)
                return $"no usable CUDA GPU: the driver ({DriverLibrary}) loaded but reports no CUDA device; {runtime}";
            if (Index >= Devices.Count)
                return $"no CUDA device cuda:{Index}: the driver reports {Devices.Count} ({string.Join(", ", Devices)}); {runtime}";
            return $"cuda:{Index} is {Devices[Index]}; {runtime}" + (BlasLibrary is null ? " (GEMM runs on ILGPU's kernel)" : "");
        }
    }
}
