using Hark.Tensors.Autograd;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>exp(x) / sum(exp(x)) along <paramref name="axis"/>, shifted by the maximum so it never overflows (torch.softmax).</summary>
    public static Tensor Softmax(Tensor x, int axis) => SoftmaxAlong("Softmax", x, axis, log: false);

    private static Tensor SoftmaxAlong(string op, Tensor x, int axis, bool log)
    {
        var (outer, length, inner) = AroundAxis(x, CheckedAxis(op, x, axis));
        var output = Tensor.EmptyLike(x);
        x.Backend.Softmax(x, output, outer, length, inner, log);
        if (Graph.NeedsGrad(x))
            Graph.Record(output, log ? "log_softmax" : "softmax", [x], (dOutput, grads) =>
                x.Backend.SoftmaxBackward(output, dOutput, grads.Buffer(0), outer, length, inner, log));
        return output;
    }
}
