using Hark.Tensors.Backends.Cpu;

namespace Hark.Tensors.Backends;

/// <summary>Maps a device to its backend, choosing the CPU kernels once per process and logging the choice.</summary>
public static class BackendRegistry
{
    /// <summary>Set to 1 to force the managed CPU path (no native BLAS), e.g. to compare results or rule out a native library.</summary>
    public const string ForceManagedVariable = "HARK_FORCE_MANAGED";

    /// <summary>Receives the one line that names the backend in use; stderr by default, so stdout stays clean for data.</summary>
    public static Action<string> Log { get; set; } = line => Console.Error.WriteLine(line);

    private static readonly Lazy<IBackend> cpu = new(() =>
    {
        var backend = new CpuBackend(forceManaged: Environment.GetEnvironmentVariable(ForceManagedVariable) == "1");
        if (Environment.GetEnvironmentVariable("HARK_QUIET") != "1") Log($"hark: backend {backend.Description}");
        return backend;
    });

    public static IBackend Cpu => cpu.Value;

    public static IBackend For(Device device) => device.Type switch
    {
        DeviceType.Cpu => cpu.Value,
        _ => throw new NotSupportedException($"no backend is built for device {device}; this build runs on the CPU only"),
    };
}
