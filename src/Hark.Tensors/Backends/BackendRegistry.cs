using System.Collections.Concurrent;
using Hark.Tensors.Backends.Cpu;
using Microsoft.Extensions.Logging;

namespace Hark.Tensors.Backends;

/// <summary>
/// Maps a device to its backend. The CPU backend is built in (its kernels chosen once per process and logged); any other
/// device type is added with <see cref="Register"/>, from any assembly, before its first tensor is made. A registered
/// backend is reached through a dispatcher that sends each call it does not <see cref="IBackend.Supports"/> to the CPU.
/// </summary>
public static class BackendRegistry
{
    /// <summary>Set to 1 to force the managed CPU path (no native BLAS), e.g. to compare results or rule out a native library.</summary>
    public const string ForceManagedVariable = "HARK_FORCE_MANAGED";

    private static readonly ILogger log = HarkLogging.For("Hark.Tensors.Backends");

    private static readonly Lazy<IBackend> cpu = new(() =>
    {
        var backend = new CpuBackend(forceManaged: Environment.GetEnvironmentVariable(ForceManagedVariable) == "1");
        log.LogInformation("hark: backend {Backend}", backend.Description);
        return KernelProfiler.Enabled ? KernelProfiler.Wrap(backend) : backend;
    });

    private static readonly ConcurrentDictionary<string, Func<int, IBackend>> factories = new();
    private static readonly ConcurrentDictionary<Device, Lazy<IBackend>> backends = new();

    public static IBackend Cpu => cpu.Value;

    /// <summary>The device types a backend is registered for, "cpu" first.</summary>
    public static IReadOnlyList<string> DeviceTypes => ["cpu", .. factories.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Makes devices of <paramref name="deviceType"/> usable: <paramref name="create"/> builds the backend of device index i
    /// the first time a tensor needs it (and may throw a message naming what is missing, e.g. a driver).
    /// </summary>
    public static void Register(string deviceType, Func<int, IBackend> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var type = new Device(deviceType).Type;
        if (type == "cpu" || !factories.TryAdd(type, create))
            throw new InvalidOperationException($"BackendRegistry.Register: a backend for device type '{type}' is already registered");
    }

    public static bool IsRegistered(string deviceType) => deviceType == "cpu" || factories.ContainsKey(deviceType);

    public static IBackend For(Device device) =>
        device == Device.Cpu ? cpu.Value : backends.GetOrAdd(device, d => new Lazy<IBackend>(() => Create(d))).Value;

    private static IBackend Create(Device device)
    {
        if (!factories.TryGetValue(device.Type, out var create))
            throw new NotSupportedException($"no backend is registered for device {device}; registered: {string.Join(", ", DeviceTypes)}");
        var backend = create(device.Index);
        if (backend.Device != device)
            throw new InvalidOperationException($"the backend registered for '{device.Type}' built one for {backend.Device} when asked for {device}");
        log.LogInformation("hark: backend {Backend}", backend.Description);
        return new FallbackDispatcher(backend, cpu.Value);
    }
}
