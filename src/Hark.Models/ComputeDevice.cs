using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// The device the workflows put their models on (training, prediction, embedding, serving): the CPU unless the process
/// chose another once at start (<c>hark --device</c>). Models are built and their weights loaded on the CPU, then moved
/// with <see cref="Nn.Module.To"/>; batches follow through <see cref="AudioClassifier.OnModelDevice"/>.
/// </summary>
public static class ComputeDevice
{
    private static Device current = Device.Cpu;

    public static Device Current => current;

    /// <summary>Sets the device for the models built from now on; its backend must be registered (BackendRegistry.Register).</summary>
    public static void Use(Device device) => current = device;
}
