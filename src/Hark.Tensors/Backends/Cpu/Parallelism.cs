namespace Hark.Tensors.Backends.Cpu;

/// <summary>How the CPU kernels split work over cores: a few contiguous chunks, one per core, never tiny ones.</summary>
internal static class Parallelism
{
    public static int Cores { get; } = Environment.ProcessorCount;

    /// <summary>How many workers <paramref name="work"/> units deserve when each should get at least the minimum.</summary>
    public static int WorkersFor(long work, long minimumWorkPerWorker) =>
        (int)Math.Clamp(work / Math.Max(1, minimumWorkPerWorker), 1, Cores);

    /// <summary>
    /// Runs range(start, length) over [0, <paramref name="length"/>) for a memory-bound elementwise loop: chunk boundaries
    /// fall on 64-element multiples so every vector block stays whole, and a loop under 2^16 elements runs inline.
    /// </summary>
    public static void ForElements(int length, Action<int, int> range)
    {
        const int block = 64;
        ForWorkers((length + block - 1) / block, block, (_, first, end) =>
        {
            int start = first * block;
            range(start, Math.Min(length, end * block) - start);
        });
    }

    /// <summary>Runs range(firstRow, rowCount) over <paramref name="rows"/> rows of <paramref name="rowLength"/> elements.</summary>
    public static void ForRows(int rows, int rowLength, Action<int, int> range) =>
        ForWorkers(rows, rowLength, (_, first, end) => range(first, end - first));

    /// <summary>Runs body(start, end) over contiguous chunks of [0, count) on up to one worker per core.</summary>
    public static void For(int count, long workPerItem, Action<int, int> body) =>
        ForWorkers(count, workPerItem, (_, start, end) => body(start, end));

    /// <summary>
    /// Runs body(worker, start, end) over contiguous chunks of [0, count), worker numbering the chunks in order, and returns
    /// how many workers there were, so per-worker partial results can be merged in a fixed order.
    /// </summary>
    public static int ForWorkers(int count, long workPerItem, Action<int, int, int> body)
    {
        int workers = Math.Min(count, WorkersFor(count * workPerItem, minimumWorkPerWorker: 1 << 15));
        if (workers <= 1)
        {
            if (count > 0) body(0, 0, count);
            return 1;
        }
        Parallel.For(0, workers, w =>
        {
            int start = (int)((long)count * w / workers), end = (int)((long)count * (w + 1) / workers);
            if (start < end) body(w, start, end);
        });
        return workers;
    }
}
