namespace Hark.Tensors.Backends;

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
