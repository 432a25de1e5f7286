using Hark.Tensors.Backends;

namespace Hark.Tensors.Tests.Backends;

/// <summary>The kernel profiler's proxy: calls reach the backend unchanged, each is counted under its kernel's name, errors pass through.</summary>
public class KernelProfilerTests
{
    [Fact]
    public void AProfiledBackendGivesTheSameResultsAndCountsEachKernelCall()
    {
        var profiled = KernelProfiler.Wrap(BackendRegistry.Cpu);
        KernelProfiler.Reset();
        var x = Tensor.FromArray([-2f, -0.5f, 0f, 3f], [4]);
        var y = Tensor.Empty([4]);
        profiled.Unary(UnaryOp.LeakyRelu, x, y, alpha: 0.1f);
        profiled.Unary(UnaryOp.LeakyRelu, x, y, alpha: 0.1f);
        profiled.Fill(x, 1f);

        Assert.Equal([-0.2f, -0.05f, 0f, 3f], y.ToArray());
        var report = KernelProfiler.Report();
        Assert.Matches(@"Unary LeakyRelu\s+[0-9.]+ ms\s+[0-9.]+ %\s+2 calls", report);
        Assert.Matches(@"Fill\s+[0-9.]+ ms\s+[0-9.]+ %\s+1 calls", report);
        Assert.Contains("all kernels", report);
        KernelProfiler.Reset(); // nothing left to print when the test process exits
    }

    [Fact]
    public void AKernelsErrorReachesTheCallerAsItself()
    {
        var profiled = KernelProfiler.Wrap(BackendRegistry.Cpu);
        Assert.Throws<ArgumentOutOfRangeException>(() => profiled.Unary((UnaryOp)999, Tensor.Zeros(2), Tensor.Zeros(2)));
    }
}
