using Hark.KernelCheck;
using Hark.Tensors.Backends;

namespace Hark.Cuda.Tests;

/// <summary>The engine's conformance suite (every IBackend kernel against its float64 reference) on the CUDA backend's kernels.</summary>
public class ConformanceTests
{
    [Fact]
    public void EveryKernelOnTheCpuAcceleratorMatchesTheReference()
    {
        var backend = BackendRegistry.For(CudaOnCpu.Device);
        Assert.Contains("ILGPU CPU accelerator", backend.Description);
        var failures = new List<string>();
        var comparisons = new KernelComparisons(backend, failures.Add);
        Assert.True(comparisons.RunAll() == 0, string.Join('\n', failures));
        Assert.True(comparisons.Checked > 100_000);
    }

    [Fact]
    public void TheBackendRunsEveryKernelItself()
    {
        using var backend = CudaBackend.OnCpuAccelerator(new Tensors.Device("ilgpu-cpu-probe"));
        Assert.All(Enum.GetValues<BackendKernel>(), kernel => Assert.True(backend.Supports(kernel), $"{kernel} would fall back to the CPU"));
    }
}
