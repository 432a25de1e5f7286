using Hark.Tensors.Autograd;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>Joins tensors along an existing axis (torch.cat); all other axes must agree.</summary>
    public static Tensor Cat(Tensor[] xs, int axis)
    {
        if (xs.Length == 0) throw new ArgumentException("Cat: expected at least one tensor; got none");
        var first = xs[0];
        int a = CheckedAxis("Cat", first, axis);
        ShapeException.SameDevice("Cat", xs);
        int total = 0;
        foreach (var x in xs)
        {
            bool fits = x.Rank == first.Rank;
            for (int d = 0; d < first.Rank && fits; d++) fits = d == a || x.Shape[d] == first.Shape[d];
            ShapeException.Check(fits, "Cat", $"tensors of rank {first.Rank} that agree on every axis but {axis}", xs);
            total += x.Shape[a];
        }
        var shape = first.Shape.ToArray();
        shape[a] = total;
        var output = Tensor.Empty(shape, first.Device);
        var offsets = new int[xs.Length];
        int offset = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            offsets[i] = offset;
            first.Backend.CopyRegion(xs[i], new int[shape.Length], output, AxisStart(shape.Length, a, offset), xs[i].Shape.ToArray(), accumulate: false);
            offset += xs[i].Shape[a];
        }
        if (Graph.NeedsGrad(xs))
            Graph.Record(output, "cat", xs, (dOutput, grads) =>
            {
                for (int i = 0; i < xs.Length; i++)
                    if (grads.Wants(i))
                        dOutput.Backend.CopyRegion(dOutput, AxisStart(shape.Length, a, offsets[i]), grads.Buffer(i), new int[shape.Length], xs[i].Shape.ToArray(), accumulate: true);
            });
        return output;
    }

    /// <summary>A box corner at <paramref name="start"/> along <paramref name="axis"/> and 0 elsewhere.</summary>
    private static int[] AxisStart(int rank, int axis, int start)
    {
        var corner = new int[rank];
        corner[axis] = start;
        return corner;
    }
}
