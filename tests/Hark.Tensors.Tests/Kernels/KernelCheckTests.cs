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
    public void Kernels_of_this_process_match_the_reference()
    {
        var failures = new List<string>();
        var comparisons = new KernelComparisons(BackendRegistry.Cpu, failures.Add);
        Assert.True(comparisons.RunAll() == 0, string.Join('\n', failures));
        Assert.True(comparisons.Checked > 100_000);
    }

    [Theory]
    [InlineData("HARK_FORCE_MANAGED", "1", "gemm: managed")]
    [InlineData("DOTNET_EnableAVX512F", "0", "gemm:")]
    [InlineData("DOTNET_EnableAVX2", "0", "simd: Vector128")]
    [InlineData("DOTNET_EnableHWIntrinsic", "0", "simd: scalar")]
    public async Task Kernels_match_the_reference_with_a_code_path_switched_off(string variable, string value, string expectedBackend)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "Hark.KernelCheck.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(program);
        start.Environment[variable] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "kernel check did not finish in 2 minutes");
        string all = output + await stderr;
        Assert.Contains("mismatches=0", all);
        Assert.Contains(expectedBackend, all);
        Assert.Equal(0, process.ExitCode);
    }
}
