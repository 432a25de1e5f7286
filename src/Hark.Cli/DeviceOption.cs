using Hark.Cuda;
using Hark.Models;

namespace Hark.Cli;

/// <summary>
/// <c>--device cpu|cuda|cuda:N|auto</c> on train, predict, embed and serve: resolved once (logged on stderr) before the
/// command runs; a device that is not there is a user error naming what was not found.
/// </summary>
internal static class DeviceOption
{
    public const string Help =
        "  --device cpu|cuda|cuda:N|auto   where the model runs (default cpu); auto: the first CUDA GPU when one is usable, else the CPU (the choice is logged)";

    public static void Apply(string command, string text)
    {
        try { ComputeDevice.Use(DeviceChoice.Resolve(text, Console.Error.WriteLine)); }
        catch (Exception e) when (e is CudaUnavailableException or ArgumentException) { throw new UsageException($"hark {command}: {e.Message}"); }
    }
}
