using Hark.Tensors.Backends.Cpu;

namespace Hark.Tensors;

/// <summary>A flat run of float32 elements owned by one device. Tensors are always contiguous views of a whole storage.</summary>
public abstract class Storage
{
    private int views;

    public abstract int Length { get; }
    public abstract Device Device { get; }

    /// <summary>True once more than one tensor was built on this storage (a reshape, a detached copy): it is then never released.</summary>
    internal bool IsShared => Volatile.Read(ref views) > 1;

    internal void AddView() => Interlocked.Increment(ref views);

    /// <summary>Gives the memory back for reuse when the storage allocated it from a pool (afterwards reading it throws); otherwise does nothing.</summary>
    internal virtual void Release()
    {
    }
}

/// <summary>
/// Managed CPU memory. Storages from <see cref="Allocate"/> come from <see cref="CpuStoragePool"/> and go back to it when
/// autograd releases a tensor nobody else can reach (see <see cref="Autograd.Graph.Retire"/>); otherwise the garbage
/// collector takes them as usual. Storages wrapping a caller's array are never pooled.
/// </summary>
public sealed class CpuStorage : Storage
{
    private float[]? data;
    private readonly bool pooled;

    public CpuStorage(float[] data)
        : this(data, pooled: false)
    {
    }

    private CpuStorage(float[] data, bool pooled)
    {
        this.data = data;
        this.pooled = pooled;
        Length = data.Length;
    }

    public static CpuStorage Allocate(int length, bool zeroed)
    {
        var data = CpuStoragePool.Rent(length, zeroed, out bool allocated);
        if (allocated) newPoolableOnThisThread++;
        return new(data, pooled: true);
    }

    [ThreadStatic] private static long newPoolableOnThisThread;

    /// <summary>Storages of poolable length the calling thread allocated because the pool had none to lend (tensor ops allocate their outputs on the caller's thread).</summary>
    internal static long NewPoolableOnThisThread => newPoolableOnThisThread;

    public float[] Data => data
        ?? throw new InvalidOperationException($"CpuStorage of {Length} elements: read after autograd released it to the pool (a retired intermediate was used after backward)");

    public override int Length { get; }
    public override Device Device => Device.Cpu;

    internal bool IsReleased => data is null;

    internal override void Release()
    {
        if (!pooled) return;
        var array = Interlocked.Exchange(ref data, null);
        if (array is not null) CpuStoragePool.Return(array);
    }
}
