using System.Diagnostics;
using Hark.KernelCheck;
using Hark.Tensors.Backends;

namespace Hark.Tensors.Tests.Kernels;

/// <summary>
/// Every fast kernel against its float64 reference, in this process and, ImageSharp-style, in child processes with
/// OpenBLAS forced off and each SIMD tier disabled, so one machine covers every code path.
/// </summary>
public class KernelCheckTests
{
    [Fact]
    public void KernelsOfThisProcessMatchTheReference()
    {
        var failures = new List<string>();
        var comparisons = new KernelComparisons(BackendRegistry.Cpu, failures.Add);
        Assert.True(comparisons.RunAll() == 0, string.Join('\n', failures));
        Assert.True(comparisons.Checked > 100_000);
    }

    [Fact]
    public void KernelsReachedThroughTheRegistryForAnotherDeviceMatchTheReference()
    {
        var failures = new List<string>();
        var comparisons = new KernelComparisons(BackendRegistry.For(CheckedBackend.Device0), failures.Add);
        Assert.True(comparisons.RunAll() == 0, string.Join('\n', failures));
        Assert.True(comparisons.Checked > 100_000);
    }

    // .NET 10 reads DOTNET_EnableAVX512 (no longer ...AVX512F); the tier children also force the managed GEMM, so its
    // Vector256, Vector128 and scalar micro-kernels run too (this process covers OpenBLAS)
    [Theory]
    [InlineData("HARK_FORCE_MANAGED=1", "gemm: managed")]
    [InlineData("HARK_FORCE_MANAGED=1 DOTNET_EnableAVX512=0", "simd: Vector256")]
    [InlineData("HARK_FORCE_MANAGED=1 DOTNET_EnableAVX2=0", "simd: Vector128")]
    [InlineData("HARK_FORCE_MANAGED=1 DOTNET_EnableHWIntrinsic=0", "simd: scalar")]
    [InlineData("DOTNET_EnableAVX512=0", "simd: Vector256")]
    [InlineData("DNNL_MAX_CPU_ISA=AVX2", "conv: oneDNN")] // oneDNN's AVX2 kernels: nChw8c outputs for the fused activation and pool passes
    public async Task KernelsMatchTheReferenceWithACodePathSwitchedOff(string variables, string expectedBackend)
    {
        var environment = variables.Split(' ').Select(v => v.Split('=')).ToDictionary(v => v[0], v => v[1]);
        var (exitCode, all) = await RunKernelCheck(environment);
        Assert.Contains("mismatches=0", all);
        Assert.Contains(expectedBackend, all);
        Assert.Equal(0, exitCode);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public async Task ParallelKernelsRepeatBitForBitAtAGivenThreadCount(int threads)
    {
        var environment = new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = threads.ToString() };
        var (_, first) = await RunKernelCheck(environment, "repeat");
        var (_, second) = await RunKernelCheck(environment, "repeat");
        Assert.Contains($"threads={threads} hash=", first);
        Assert.Equal(HashLine(first), HashLine(second));
    }

    private static string HashLine(string output) => output.Split('\n').Single(line => line.StartsWith("threads="));

    private static async Task<(int ExitCode, string Output)> RunKernelCheck(Dictionary<string, string> environment, params string[] arguments)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "Hark.KernelCheck.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(program);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (variable, value) in environment) start.Environment[variable] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "kernel check did not finish in 2 minutes");
        return (process.ExitCode, output + await stderr);
    }
}
