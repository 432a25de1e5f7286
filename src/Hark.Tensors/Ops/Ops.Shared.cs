using Hark.Tensors.Autograd;
using Hark.Tensors.Backends;

namespace Hark.Tensors;

/// <summary>
/// The functional ops, PyTorch semantics (torch.* and torch.nn.functional.*), one public op per file. Each op validates,
/// allocates its output, asks the tensor's backend for the kernel, and records how to send gradients back.
/// This file holds what several ops share.
/// </summary>
public static partial class Ops
{
    /// <summary>Runs an elementwise kernel and records its backward (which reads the input and the output).</summary>
    private static Tensor ApplyUnary(string name, UnaryOp op, Tensor input, float alpha = 0f, float beta = 0f)
    {
        var output = Tensor.EmptyLike(input);
        input.Backend.Unary(op, input, output, alpha, beta);
        if (Graph.NeedsGrad(input))
            Graph.Record(output, name, [input], (dOutput, grads) =>
                input.Backend.UnaryBackward(op, input, output, dOutput, grads.Buffer(0), alpha, beta));
        return output;
    }

    /// <summary>A tensor over the same storage with another shape of the same element count (no graph).</summary>
    private static Tensor View(Tensor tensor, ReadOnlySpan<int> shape) => new(tensor.Storage, shape);

    /// <summary><paramref name="shape"/> with 1s prepended up to <paramref name="rank"/> axes.</summary>
    private static int[] LeftPadded(ReadOnlySpan<int> shape, int rank)
    {
        if (shape.Length == rank) return shape.ToArray();
        var padded = new int[rank];
        Array.Fill(padded, 1);
        shape.CopyTo(padded.AsSpan(rank - shape.Length));
        return padded;
    }

    /// <summary>The broadcast shape of a and b under PyTorch's rules, or a ShapeException naming the op and both shapes.</summary>
    private static int[] BroadcastShape(string op, Tensor a, Tensor b)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        var shape = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int i = d - (rank - a.Rank), j = d - (rank - b.Rank);
            int da = i >= 0 ? a.Shape[i] : 1, db = j >= 0 ? b.Shape[j] : 1;
            ShapeException.Check(da == db || da == 1 || db == 1, op, $"shapes that broadcast (axis {d - rank} has sizes {da} and {db})", a, b);
            shape[d] = da == 1 ? db : da;
        }
        return shape;
    }

    /// <summary>grads += scale * source summed down to the (broadcast) shape of the gradient buffer.</summary>
    private static void AccumulateReduced(Tensor source, Tensor gradient, float scale = 1f)
    {
        if (gradient.Numel == source.Numel && scale == 1f)
            source.Backend.AddInPlace(gradient, source);
        else
            source.Backend.SumTo(source, View(gradient, LeftPadded(gradient.Shape, source.Rank)), scale, accumulate: true);
    }

    /// <summary>Distinct non-negative axes; an empty list means every axis, as torch.sum(x, dim=[]) does.</summary>
    private static int[] NormalizeAxes(string op, Tensor x, int[] axes)
    {
        if (axes.Length == 0) return Enumerable.Range(0, x.Rank).ToArray();
        var normalized = new int[axes.Length];
        for (int i = 0; i < axes.Length; i++)
        {
            int a = axes[i] < 0 ? axes[i] + x.Rank : axes[i];
            if (a < 0 || a >= x.Rank)
                throw new ShapeException($"{op}: axis {axes[i]} is out of range for a tensor of shape {ShapeException.Format(x.Shape)}");
            if (Array.IndexOf(normalized, a, 0, i) >= 0)
                throw new ShapeException($"{op}: axis {axes[i]} appears twice in [{string.Join(", ", axes)}] for shape {ShapeException.Format(x.Shape)}");
            normalized[i] = a;
        }
        return normalized;
    }

    private static int CheckedAxis(string op, Tensor x, int axis, bool allowEnd = false)
    {
        int rank = x.Rank + (allowEnd ? 1 : 0);
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
            throw new ShapeException($"{op}: axis {axis} is out of range for a tensor of shape {ShapeException.Format(x.Shape)}");
        return a;
    }

    /// <summary>The (outer, length, inner) view of <paramref name="x"/> around <paramref name="axis"/>.</summary>
    private static (int Outer, int Length, int Inner) AroundAxis(Tensor x, int axis)
    {
        int outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= x.Shape[d];
        for (int d = axis + 1; d < x.Rank; d++) inner *= x.Shape[d];
        return (outer, x.Shape[axis], inner);
    }
}
