using Hark.Tensors.Autograd;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>
    /// torch.matmul: 1-D x 1-D is a dot product (shape []), a 1-D operand gains a dimension of 1 that is removed from the
    /// result, and leading batch dimensions broadcast: [..., M, K] x [..., K, N] -> [broadcast(...), M, N].
    /// </summary>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        const string op = "MatMul";
        ShapeException.SameDevice(op, a, b);
        ShapeException.Check(a.Rank >= 1 && b.Rank >= 1, op, "tensors of rank 1 or more", a, b);
        bool aVector = a.Rank == 1, bVector = b.Rank == 1;
        int m = aVector ? 1 : a.Shape[^2], k = a.Shape[^1];
        int kb = bVector ? b.Shape[0] : b.Shape[^2], n = bVector ? 1 : b.Shape[^1];
        ShapeException.Check(k == kb, op, $"a's last dimension ({k}) to equal b's {(bVector ? "length" : "second-to-last dimension")} ({kb})", a, b);
        int[] batchA = a.Rank > 2 ? a.Shape[..^2].ToArray() : [], batchB = b.Rank > 2 ? b.Shape[..^2].ToArray() : [];
        int[] batch = BroadcastBatch(op, a, b, batchA, batchB);
        int[] shape = [.. batch, .. aVector ? Array.Empty<int>() : [m], .. bVector ? Array.Empty<int>() : [n]];
        return Product(op, a, b, BatchedProduct.Broadcast(batchA, batchB, batch, m, n, k), shape);
    }

    /// <summary>torch.bmm: [B, M, K] x [B, K, N] -> [B, M, N], with no broadcasting.</summary>
    public static Tensor Bmm(Tensor a, Tensor b)
    {
        const string op = "Bmm";
        ShapeException.SameDevice(op, a, b);
        ShapeException.Check(a.Rank == 3 && b.Rank == 3 && a.Shape[0] == b.Shape[0] && a.Shape[2] == b.Shape[1], op,
            "a [B, M, K] and b [B, K, N] with equal B and K", a, b);
        int batch = a.Shape[0], m = a.Shape[1], k = a.Shape[2], n = b.Shape[2];
        return Product(op, a, b, BatchedProduct.Broadcast([batch], [batch], [batch], m, n, k), [batch, m, n]);
    }

    private static Tensor Product(string op, Tensor a, Tensor b, BatchedProduct product, int[] shape)
    {
        var output = Tensor.Empty(shape, a.Device);
        var backend = a.Backend;
        product.Forward(backend, a, b, output);
        Graph.Record(output, op.ToLowerInvariant(), [a, b], (dOutput, grads) =>
            product.Backward(backend, a, b, dOutput, grads.Wants(0) ? grads.Buffer(0) : null, grads.Wants(1) ? grads.Buffer(1) : null));
        return output;
    }

    private static int[] BroadcastBatch(string op, Tensor a, Tensor b, int[] batchA, int[] batchB)
    {
        int rank = Math.Max(batchA.Length, batchB.Length);
        var batch = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int da = d - (rank - batchA.Length) >= 0 ? batchA[d - (rank - batchA.Length)] : 1;
            int db = d - (rank - batchB.Length) >= 0 ? batchB[d - (rank - batchB.Length)] : 1;
            ShapeException.Check(da == db || da == 1 || db == 1, op, "batch dimensions that broadcast", a, b);
            batch[d] = Math.Max(da, db) == 1 ? Math.Min(da, db) : Math.Max(da, db);
        }
        return batch;
    }
}
