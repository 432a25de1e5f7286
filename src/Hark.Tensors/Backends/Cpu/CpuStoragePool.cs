namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// Free lists of large float arrays by exact length, so the activations and gradient buffers of one training step (or
/// one inference batch) reuse the memory of the last instead of each being a fresh large-object allocation (page faults,
/// gen2 collections). Tensor storages come back through <see cref="Storage.Release"/>, kernels' scratch through
/// <see cref="Return"/>; anything not returned is collected as usual.
/// Thread-safe; bounded: when holding another array would pass <see cref="CapacityBytes"/> the lists are dropped.
/// </summary>
internal static class CpuStoragePool
{
    /// <summary>Shorter arrays are cheap gen0 allocations and are not pooled.</summary>
    public const int MinimumLength = 1 << 14;

    public const long CapacityBytes = 2L << 30;

    private static readonly Lock gate = new();
    private static readonly Dictionary<int, Stack<float[]>> free = [];
    private static long heldBytes, allocations;

    public static CpuPoolStatistics Statistics()
    {
        lock (gate) return new CpuPoolStatistics(allocations, heldBytes);
    }

    public static float[] Rent(int length, bool zeroed) => Rent(length, zeroed, out _);

    /// <summary>An array of exactly <paramref name="length"/>; <paramref name="allocated"/> says it is new (the pool had none to lend).</summary>
    public static float[] Rent(int length, bool zeroed, out bool allocated)
    {
        allocated = false;
        if (length >= MinimumLength)
        {
            float[]? array = null;
            lock (gate)
            {
                if (free.TryGetValue(length, out var stack) && stack.TryPop(out array))
                    heldBytes -= sizeof(float) * (long)length;
            }
            if (array is not null)
            {
                if (zeroed) Array.Clear(array);
                return array;
            }
            Interlocked.Increment(ref allocations);
            allocated = true;
        }
        return zeroed ? new float[length] : GC.AllocateUninitializedArray<float>(length);
    }

    public static void Return(float[] array)
    {
        if (array.Length < MinimumLength) return;
        long bytes = sizeof(float) * (long)array.Length;
        lock (gate)
        {
            if (heldBytes + bytes > CapacityBytes)
            {
                free.Clear();
                heldBytes = 0;
            }
            if (!free.TryGetValue(array.Length, out var stack)) free[array.Length] = stack = new Stack<float[]>();
            stack.Push(array);
            heldBytes += bytes;
        }
    }
}
