using System.Runtime.InteropServices;

namespace Hark.Cuda.Tests;

/// <summary>Without a GPU, opening the CUDA backend fails with one line that names what was not found.</summary>
public class ProbeTests
{
    private static bool HasDriver => NativeLibrary.TryLoad(CudaProbe.DriverLibraryName, out _);

    [Fact]
    public void OpeningCudaWithoutTheDriverNamesTheDriverAndTheRuntimeLibrary()
    {
        if (HasDriver) return; // a GPU machine: the GPU bench covers it
        var error = Assert.Throws<CudaUnavailableException>(() => CudaBackend.Open(0));
        Assert.Contains("libcuda.so.1", error.Message);
        Assert.Contains("driver", error.Message);
        Assert.Contains("cuBLAS", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void AProbeWithADriverButNoDeviceSaysSo()
    {
        var probe = new CudaProbe(0, "libcuda.so.1", DriverFound: true, BlasLibrary: "libcublas.so.13", Devices: []);
        Assert.False(probe.Usable);
        Assert.Contains("reports no CUDA device", probe.Explanation);
        var second = probe with { Index = 1, Devices = ["NVIDIA H100 80GB HBM3"] };
        Assert.False(second.Usable);
        Assert.Contains("no CUDA device cuda:1", second.Explanation);
        Assert.True((second with { Index = 0 }).Usable);
    }
}
