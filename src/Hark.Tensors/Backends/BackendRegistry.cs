using Hark.Tensors.Backends.Cpu;
using Microsoft.Extensions.Logging;

namespace Hark.Tensors.Backends;

/// <summary>Maps a device to its backend, choosing the CPU kernels once per process and logging the choice.</summary>
public static class BackendRegistry
{
    /// <summary>Set to 1 to force the managed CPU path (no native BLAS), e.g. to compare results or rule out a native library.</summary>
    public const string ForceManagedVariable = "HARK_FORCE_MANAGED";

    private static readonly Lazy<IBackend> cpu = new(() =>
    {
        var backend = new CpuBackend(forceManaged: Environment.GetEnvironmentVariable(ForceManagedVariable) == "1");
        HarkLogging.For("Hark.Tensors.Backends").LogInformation("hark: backend {Backend}", backend.Description);
        return backend;
    });

    public static IBackend Cpu => cpu.Value;

    public static IBackend For(Device device) => device.Type switch
    {
        DeviceType.Cpu => cpu.Value,
        _ => throw new NotSupportedException($"no backend is built for device {device}; this build runs on the CPU only"),
    };
}
