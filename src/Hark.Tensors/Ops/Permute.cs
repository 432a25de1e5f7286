using Hark.Tensors.Autograd;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>The axes reordered so that output axis i is input axis dims[i] (torch.permute), copied to new contiguous storage.</summary>
    public static Tensor Permute(Tensor x, params int[] dims)
    {
        if (dims.Length != x.Rank)
            throw new ShapeException($"Permute: dims [{string.Join(", ", dims)}] name {dims.Length} axes but the tensor of shape {ShapeException.Format(x.Shape)} has {x.Rank}");
        var order = NormalizeAxes("Permute", x, dims);
        var inverse = new int[order.Length];
        for (int i = 0; i < order.Length; i++) inverse[order[i]] = i;
        var output = Tensor.Empty(order.Select(d => x.Shape[d]).ToArray(), x.Device);
        x.Backend.Permute(x, output, order, accumulate: false);
        if (Graph.NeedsGrad(x))
            Graph.Record(output, "permute", [x], (dOutput, grads) => x.Backend.Permute(dOutput, grads.Buffer(0), inverse, accumulate: true));
        return output;
    }
}
