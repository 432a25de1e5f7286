namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// Counters of the CPU storage pool: how many poolable arrays (at least 16K floats: tensor storages and kernels' scratch)
/// were allocated because the pool had none of that length, and how many bytes it holds for reuse. A steady workload stops allocating once the pool has
/// warmed up; a count that keeps rising means some forward leaves its intermediates to the garbage collector.
/// </summary>
public readonly record struct CpuPoolStatistics(long Allocations, long HeldBytes)
{
    public static CpuPoolStatistics Current => CpuStoragePool.Statistics();

    /// <summary>
    /// Tensor storages of poolable length that the calling thread allocated because the pool had none to lend (ops allocate
    /// their outputs on the caller's thread). Unlike <see cref="Allocations"/>, it leaves out kernels' scratch, whose count
    /// depends on how many cores happened to run a kernel at once.
    /// </summary>
    public static long TensorAllocationsOnThisThread => CpuStorage.NewPoolableOnThisThread;
}
