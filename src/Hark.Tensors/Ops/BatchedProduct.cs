using Hark.Tensors.Backends;

namespace Hark.Tensors;

/// <summary>
/// The GEMMs behind MatMul and Bmm: output entry i = A[entry OffsetsA[i]] * B[entry OffsetsB[i]] for broadcast batch
/// entries, and the matching gradient GEMMs. Runs as one strided-batched GEMM where the offsets allow it; where several
/// entries add into one broadcast gradient it runs them one after another so they never race.
/// </summary>
internal sealed class BatchedProduct
{
    private readonly int m, n, k;
    private readonly long[] offsetsA, offsetsB;

    private BatchedProduct(int m, int n, int k, long[] offsetsA, long[] offsetsB)
    {
        this.m = m; this.n = n; this.k = k;
        this.offsetsA = offsetsA; this.offsetsB = offsetsB;
    }

    /// <summary>Pairs every entry of the broadcast batch shape with its entries in A's and B's own batch shapes.</summary>
    public static BatchedProduct Broadcast(int[] batchA, int[] batchB, int[] batch, int m, int n, int k)
    {
        int count = Tensor.CheckedNumel(batch);
        var offsetsA = new long[count];
        var offsetsB = new long[count];
        var index = new int[batch.Length];
        for (int i = 0; i < count; i++)
        {
            offsetsA[i] = EntryOf(index, batchA, batch.Length) * m * k;
            offsetsB[i] = EntryOf(index, batchB, batch.Length) * k * n;
            for (int d = batch.Length - 1; d >= 0; d--)
            {
                if (++index[d] < batch[d]) break;
                index[d] = 0;
            }
        }
        return new BatchedProduct(m, n, k, offsetsA, offsetsB);
    }

    /// <summary>Row-major entry number in <paramref name="shape"/> (right-aligned to the full batch rank) of a broadcast index.</summary>
    private static long EntryOf(int[] index, int[] shape, int rank)
    {
        long entry = 0;
        for (int d = 0; d < shape.Length; d++)
        {
            int size = shape[d];
            entry = entry * size + (size == 1 ? 0 : index[rank - shape.Length + d]);
        }
        return entry;
    }

    private int Count => offsetsA.Length;

    /// <summary>c = a * b for every entry; c's entries are consecutive [m, n] matrices.</summary>
    public void Forward(IBackend backend, Tensor a, Tensor b, Tensor c) =>
        Run(backend, new GemmDescriptor(false, false, m, n, k), a, offsetsA, b, offsetsB, c, Consecutive(m * n), targetShared: false);

    /// <summary>dA += dC * B^T and dB += A^T * dC, entry by entry.</summary>
    public void Backward(IBackend backend, Tensor a, Tensor b, Tensor dC, Tensor? dA, Tensor? dB)
    {
        var outputs = Consecutive(m * n);
        if (dA is not null)
            Run(backend, new GemmDescriptor(false, true, m, k, n, Accumulate: true), dC, outputs, b, offsetsB, dA, offsetsA, Shared(offsetsA));
        if (dB is not null)
            Run(backend, new GemmDescriptor(true, false, k, n, m, Accumulate: true), a, offsetsA, dC, outputs, dB, offsetsB, Shared(offsetsB));
    }

    private long[] Consecutive(long size)
    {
        var offsets = new long[Count];
        for (int i = 0; i < offsets.Length; i++) offsets[i] = i * size;
        return offsets;
    }

    private static bool Shared(long[] offsets) => offsets.Length > 1 && offsets.Distinct().Count() < offsets.Length;

    private static void Run(IBackend backend, GemmDescriptor template, Tensor x, long[] offsetsX, Tensor y, long[] offsetsY,
        Tensor target, long[] offsetsTarget, bool targetShared)
    {
        int count = offsetsX.Length;
        if (count == 0) return;
        if (!targetShared && Stride(offsetsX) is long sx && Stride(offsetsY) is long sy && Stride(offsetsTarget) is long st)
        {
            backend.Gemm(template with
            {
                Batch = count, StrideA = sx, StrideB = sy, StrideC = st,
                OffsetA = offsetsX[0], OffsetB = offsetsY[0], OffsetC = offsetsTarget[0],
            }, x, y, target);
            return;
        }
        for (int i = 0; i < count; i++)
            backend.Gemm(template with { OffsetA = offsetsX[i], OffsetB = offsetsY[i], OffsetC = offsetsTarget[i] }, x, y, target);
    }

    /// <summary>The common difference when the offsets form an arithmetic progression, else null.</summary>
    private static long? Stride(long[] offsets)
    {
        if (offsets.Length < 2) return 0;
        long stride = offsets[1] - offsets[0];
        for (int i = 2; i < offsets.Length; i++)
            if (offsets[i] - offsets[i - 1] != stride) return null;
        return stride;
    }
}
