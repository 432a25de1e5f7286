using Hark.Tensors.Autograd;
using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>a - b with broadcasting (torch.sub).</summary>
    public static Tensor Sub(Tensor a, Tensor b)
    {
        var output = ApplyBinary("Sub", BinaryOp.Sub, a, b);
        if (Graph.NeedsGrad(a, b))
            Graph.Record(output, "sub", [a, b], (dOutput, grads) =>
            {
                if (grads.Wants(0)) AccumulateReduced(dOutput, grads.Buffer(0));
                if (grads.Wants(1)) AccumulateReduced(dOutput, grads.Buffer(1), scale: -1f);
            });
        return output;
    }

    public static Tensor Sub(Tensor a, float b) => Sub(a, ScalarLike(a, b));
    public static Tensor Sub(float a, Tensor b) => Sub(ScalarLike(b, a), b);
}
