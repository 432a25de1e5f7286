using Hark.Tensors.Autograd;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>
    /// The maximum along <paramref name="axis"/> (the values of torch.max(x, dim, keepdim)). The gradient goes to the
    /// first position holding the maximum.
    /// </summary>
    public static Tensor Max(Tensor x, int axis, bool keepDim = false)
    {
        int a = CheckedAxis("Max", x, axis);
        var (outer, length, inner) = AroundAxis(x, a);
        if (length == 0)
            throw new ShapeException($"Max: axis {axis} of shape {ShapeException.Format(x.Shape)} is empty; a maximum needs at least one element");
        var keptShape = x.Shape.ToArray();
        keptShape[a] = 1;
        var values = Tensor.Empty(keepDim ? keptShape : keptShape.Where((_, d) => d != a).ToArray(), x.Device);
        x.Backend.MaxAlongAxis(x, values, outer, length, inner);
        if (Graph.NeedsGrad(x))
            Graph.Record(values, "max", [x], (dOutput, grads) =>
                x.Backend.MaxAlongAxisBackward(x, values, dOutput, grads.Buffer(0), outer, length, inner));
        return values;
    }
}
