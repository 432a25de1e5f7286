namespace Hark.Tensors;

/// <summary>A flat run of float32 elements owned by one device. Tensors are always contiguous views of a whole storage.</summary>
public abstract class Storage
{
    public abstract int Length { get; }
    public abstract Device Device { get; }
}

/// <summary>Managed CPU memory: tensors are ordinary garbage-collected arrays, so nobody disposes anything.</summary>
public sealed class CpuStorage : Storage
{
    public float[] Data { get; }

    public CpuStorage(float[] data) => Data = data;

    public static CpuStorage Allocate(int length, bool zeroed) =>
        new(zeroed ? new float[length] : GC.AllocateUninitializedArray<float>(length));

    public override int Length => Data.Length;
    public override Device Device => Device.Cpu;
}
