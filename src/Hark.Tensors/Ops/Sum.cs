using Hark.Tensors.Autograd;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>The sum of every element, as a rank-0 tensor (torch.sum).</summary>
    public static Tensor Sum(Tensor x) => Sum(x, []);

    /// <summary>The sum over <paramref name="axes"/> (negative axes count from the end; empty means all), like torch.sum(x, dim, keepdim).</summary>
    public static Tensor Sum(Tensor x, int[] axes, bool keepDim = false) => ScaledSum("Sum", x, axes, keepDim, mean: false);

    /// <summary>Sum or mean over axes: one kernel writes the kept-dims result; the backward broadcasts the gradient back.</summary>
    private static Tensor ScaledSum(string op, Tensor x, int[] axes, bool keepDim, bool mean)
    {
        var reduced = NormalizeAxes(op, x, axes);
        var keptShape = x.Shape.ToArray();
        int count = 1;
        foreach (var a in reduced)
        {
            count *= keptShape[a];
            keptShape[a] = 1;
        }
        float scale = mean ? 1f / count : 1f;
        var kept = Tensor.Empty(keptShape, x.Device);
        x.Backend.SumTo(x, kept, scale, accumulate: false);
        var output = keepDim ? kept : View(kept, keptShape.Where((_, d) => !reduced.Contains(d)).ToArray());
        if (Graph.NeedsGrad(x))
            Graph.Record(output, mean ? "mean" : "sum", [x], (dOutput, grads) =>
                x.Backend.BroadcastTo(View(dOutput, keptShape), grads.Buffer(0), scale, accumulate: true));
        return output;
    }
}
