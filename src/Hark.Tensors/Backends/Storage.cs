namespace Hark.Tensors.Backends;

/// <summary>
/// A flat run of float32 elements owned by one device. Tensors are always contiguous views of a whole storage.
/// A backend in another assembly subclasses this for its memory: allocation is <see cref="IBackend.Allocate"/>, the
/// copies to and from host memory are <see cref="CopyToHost"/>/<see cref="CopyFromHost"/>, and <see cref="Free"/> is
/// called once when autograd releases memory nobody can reach any more.
/// </summary>
public abstract class Storage
{
    private int views, released;

    public abstract int Length { get; }
    public abstract Device Device { get; }

    /// <summary>Copies all <see cref="Length"/> elements into <paramref name="destination"/> (host memory of that length).</summary>
    public abstract void CopyToHost(Span<float> destination);

    /// <summary>Overwrites all <see cref="Length"/> elements with <paramref name="source"/> (host memory of that length).</summary>
    public abstract void CopyFromHost(ReadOnlySpan<float> source);

    /// <summary>Gives the memory back (to a pool, to the device's allocator); reading afterwards may throw. Called at most once.</summary>
    protected virtual void Free()
    {
    }

    /// <summary>True once more than one tensor was built on this storage (a reshape, a detached copy): it is then never released.</summary>
    internal bool IsShared => Volatile.Read(ref views) > 1;

    internal void AddView() => Interlocked.Increment(ref views);

    internal void Release()
    {
        if (Interlocked.Exchange(ref released, 1) == 0) Free();
    }
}
