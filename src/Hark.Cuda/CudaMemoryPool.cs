namespace Hark.Cuda;

/// <summary>
/// Device buffers kept for reuse, by exact length: a training step asks for the same sizes every step, and freeing GPU
/// memory would wait for the device. At most <see cref="CapacityBytes"/> are kept; past that a returned buffer is freed.
/// </summary>
internal sealed class CudaMemoryPool(Accelerator accelerator)
{
    public const long CapacityBytes = 4L << 30;

    private readonly Dictionary<int, Stack<MemoryBuffer1D<float, Stride1D.Dense>>> free = [];
    private long pooledBytes;

    public MemoryBuffer1D<float, Stride1D.Dense> Rent(int length)
    {
        lock (free)
        {
            if (free.TryGetValue(length, out var stack) && stack.Count > 0)
            {
                pooledBytes -= (long)length * sizeof(float);
                return stack.Pop();
            }
        }
        return accelerator.Allocate1D<float>(Math.Max(length, 1));
    }

    public void Return(MemoryBuffer1D<float, Stride1D.Dense> buffer)
    {
        int length = (int)buffer.Length;
        lock (free)
        {
            if (pooledBytes + (long)length * sizeof(float) <= CapacityBytes)
            {
                if (!free.TryGetValue(length, out var stack)) free[length] = stack = new();
                stack.Push(buffer);
                pooledBytes += (long)length * sizeof(float);
                return;
            }
        }
        buffer.Dispose();
    }
}
