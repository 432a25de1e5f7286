using Hark.Tensors.Autograd;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Elements start..end (end exclusive) along <paramref name="axis"/>, copied (x.narrow / x[..., start:end] in PyTorch).
    /// Negative indices count from the end; indices past the end are clamped as in Python slicing.
    /// </summary>
    public static Tensor Slice(Tensor x, int axis, int start, int end)
    {
        int a = CheckedAxis("Slice", x, axis);
        int size = x.Shape[a];
        int from = Math.Clamp(start < 0 ? start + size : start, 0, size);
        int to = Math.Clamp(end < 0 ? end + size : end, 0, size);
        int length = Math.Max(0, to - from);
        var shape = x.Shape.ToArray();
        shape[a] = length;
        var output = Tensor.Empty(shape, x.Device);
        x.Backend.CopyRegion(x, AxisStart(x.Rank, a, from), output, new int[x.Rank], shape, accumulate: false);
        if (Graph.NeedsGrad(x))
            Graph.Record(output, "slice", [x], (dOutput, grads) =>
                x.Backend.CopyRegion(dOutput, new int[x.Rank], grads.Buffer(0), AxisStart(x.Rank, a, from), shape, accumulate: true));
        return output;
    }
}
