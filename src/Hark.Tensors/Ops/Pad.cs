using Hark.Tensors.Autograd;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Constant padding in torch.nn.functional.pad order: (left, right) of the last axis first, then the axis before it.
    /// Negative amounts crop, as in PyTorch.
    /// </summary>
    public static Tensor Pad(Tensor x, int[] pads, float value = 0f)
    {
        if (pads.Length % 2 != 0 || pads.Length / 2 > x.Rank)
            throw new ShapeException($"Pad: expected an even number of pads, at most 2 per axis; got {pads.Length} for shape {ShapeException.Format(x.Shape)}");
        int rank = x.Rank;
        var shape = x.Shape.ToArray();
        var sourceStart = new int[rank];
        var destinationStart = new int[rank];
        var extent = x.Shape.ToArray();
        for (int p = 0; p < pads.Length / 2; p++)
        {
            int d = rank - 1 - p, before = pads[2 * p], after = pads[2 * p + 1];
            shape[d] = x.Shape[d] + before + after;
            if (shape[d] < 0)
                throw new ShapeException($"Pad: pads ({before}, {after}) on axis {d} of shape {ShapeException.Format(x.Shape)} leave a negative size {shape[d]}");
            sourceStart[d] = Math.Max(0, -before);
            destinationStart[d] = Math.Max(0, before);
            extent[d] = Math.Max(0, x.Shape[d] + Math.Min(0, before) + Math.Min(0, after));
        }
        var output = Tensor.Full(shape, value, x.Device);
        x.Backend.CopyRegion(x, sourceStart, output, destinationStart, extent, accumulate: false);
        if (Graph.NeedsGrad(x))
            Graph.Record(output, "pad", [x], (dOutput, grads) =>
                x.Backend.CopyRegion(dOutput, destinationStart, grads.Buffer(0), sourceStart, extent, accumulate: true));
        return output;
    }
}
