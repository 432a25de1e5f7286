namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// Free lists of large float arrays by exact length, so the activations and gradient buffers of one training step reuse
/// the memory of the last instead of each being a fresh large-object allocation (page faults, gen2 collections).
/// Arrays come back only through <see cref="Storage.Release"/>; anything not returned is collected as usual.
/// Thread-safe; bounded: when holding another array would pass <see cref="CapacityBytes"/> the lists are dropped.
/// </summary>
internal static class CpuStoragePool
{
    /// <summary>Shorter arrays are cheap gen0 allocations and are not pooled.</summary>
    public const int MinimumLength = 1 << 14;

    public const long CapacityBytes = 2L << 30;

    private static readonly Lock gate = new();
    private static readonly Dictionary<int, Stack<float[]>> free = [];
    private static long heldBytes;

    public static float[] Rent(int length, bool zeroed)
    {
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
