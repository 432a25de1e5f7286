using Hark.Tensors;
using Hark.Tensors.Backends;

namespace Hark.Cuda.Tests;

/// <summary>
/// The CUDA backend with its kernels on ILGPU's CPU accelerator, registered once per process as device type
/// "ilgpu-cpu" (so it never stands in for a real "cuda" device): the kernels a GPU would run, checked on this machine.
/// </summary>
public static class CudaOnCpu
{
    public const string DeviceType = "ilgpu-cpu";

    private static readonly Lazy<Device> registered = new(() =>
    {
        BackendRegistry.Register(DeviceType, index => CudaBackend.OnCpuAccelerator(new Device(DeviceType, index)));
        return new Device(DeviceType);
    });

    public static Device Device => registered.Value;
}
