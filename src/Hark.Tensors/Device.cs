namespace Hark.Tensors;

public enum DeviceType { Cpu, Cuda }

/// <summary>Where a tensor's storage lives. Ops ask the device for its backend; model code never branches on it.</summary>
public readonly record struct Device(DeviceType Type, int Index = 0)
{
    public static readonly Device Cpu = new(DeviceType.Cpu);

    public override string ToString() => Type == DeviceType.Cpu ? "cpu" : $"cuda:{Index}";
}
