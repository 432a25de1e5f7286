namespace Hark.Tensors.Backends.Cpu;

/// <summary>Splits large flat loops across the cores; small ones run inline, where a thread hand-off would cost more than it saves.</summary>
internal static class CpuParallel
{
    /// <summary>Below this many elements a memory-bound elementwise loop runs on one core.</summary>
    public const int ElementwiseThreshold = 1 << 16;

    public static void For(int length, int threshold, Action<int, int> range)
    {
        if (length == 0) return;
        int workers = Math.Min(Environment.ProcessorCount, length / Math.Max(1, threshold / 2));
        if (length < threshold || workers < 2)
        {
            range(0, length);
            return;
        }
        // chunk boundaries on 64-element multiples keep every vector block whole
        int chunk = (length / workers + 63) & ~63;
        Parallel.For(0, workers, w =>
        {
            int start = w * chunk, end = Math.Min(length, start + chunk);
            if (start < end) range(start, end - start);
        });
    }

    /// <summary>Splits <paramref name="rows"/> rows of <paramref name="rowLength"/> elements across the cores when there is enough work.</summary>
    public static void ForRows(int rows, int rowLength, Action<int, int> range)
    {
        long work = (long)rows * rowLength;
        int workers = rows < 2 || work < ElementwiseThreshold ? 1 : Math.Min(Environment.ProcessorCount, rows);
        if (workers < 2)
        {
            range(0, rows);
            return;
        }
        int chunk = (rows + workers - 1) / workers;
        Parallel.For(0, workers, w =>
        {
            int start = w * chunk, end = Math.Min(rows, start + chunk);
            if (start < end) range(start, end - start);
        });
    }
}
