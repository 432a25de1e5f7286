using Hark.Tensors.Autograd;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>The same elements under a new shape, sharing storage (torch.reshape on a contiguous tensor); one axis may be -1.</summary>
    public static Tensor Reshape(Tensor x, params int[] shape)
    {
        var resolved = (int[])shape.Clone();
        int inferred = -1;
        long known = 1;
        for (int d = 0; d < resolved.Length; d++)
        {
            if (resolved[d] == -1)
            {
                if (inferred >= 0) throw new ShapeException($"Reshape: only one axis may be -1; got {ShapeException.Format(shape)} for shape {ShapeException.Format(x.Shape)}");
                inferred = d;
            }
            else if (resolved[d] < 0)
                throw new ShapeException($"Reshape: invalid size {resolved[d]} in {ShapeException.Format(shape)} for shape {ShapeException.Format(x.Shape)}");
            else known *= resolved[d];
        }
        if (inferred >= 0)
        {
            if (known == 0 || x.Numel % known != 0)
                throw new ShapeException($"Reshape: cannot infer -1 in {ShapeException.Format(shape)} from {x.Numel} elements of shape {ShapeException.Format(x.Shape)}");
            resolved[inferred] = (int)(x.Numel / known);
            known *= resolved[inferred];
        }
        if (known != x.Numel)
            throw new ShapeException($"Reshape: shape {ShapeException.Format(shape)} holds {known} elements but the tensor of shape {ShapeException.Format(x.Shape)} has {x.Numel}");
        var output = View(x, resolved);
        if (Graph.NeedsGrad(x))
            Graph.Record(output, "reshape", [x], (dOutput, grads) => x.Backend.AddInPlace(grads.Buffer(0), dOutput));
        return output;
    }
}
