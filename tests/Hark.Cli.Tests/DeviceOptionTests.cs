using System.Runtime.InteropServices;
using Hark.Cuda;

namespace Hark.Cli.Tests;

/// <summary>`--device` on a machine without a GPU: auto runs on the CPU and says why; cuda fails naming what was not found.</summary>
public class DeviceOptionTests(TrainedRun trained) : IClassFixture<TrainedRun>
{
    private static bool HasDriver => NativeLibrary.TryLoad(CudaProbe.DriverLibraryName, out _);

    [Fact]
    public void DeviceCudaWithoutAGpuNamesTheMissingDriverAndRuntimeLibrary()
    {
        if (HasDriver) return; // a GPU machine: bench/gpu.sh covers --device cuda there
        foreach (var command in new[] { "train", "predict", "embed", "serve" })
        {
            var result = Cli.Run(command, "--device", "cuda", "x");
            Cli.AssertUserError(result, $"hark {command}: --device cuda", "libcuda.so.1", "driver", "cuBLAS");
        }
    }

    [Fact]
    public void DeviceAutoWithoutAGpuPredictsOnTheCpuAndSaysSo()
    {
        if (HasDriver) return;
        var clip = trained.AudioFiles[0];
        var result = Cli.Run("predict", trained.Run, clip, "--device", "auto");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("--device auto", result.Error);
        Assert.Contains("libcuda.so.1 was not found", result.Error);
        Assert.Contains("running on the CPU", result.Error);
        Assert.Contains(Path.GetFileName(clip), result.Out);
    }

    [Fact]
    public void AnUnknownDeviceIsAUsageError() =>
        Cli.AssertUserError(Cli.Run("predict", trained.Run, "x.wav", "--device", "tpu"), "--device tpu", "cpu, cuda, cuda:N or auto");
}
