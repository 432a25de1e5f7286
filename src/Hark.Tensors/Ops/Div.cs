using Hark.Tensors.Autograd;
using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>a / b elementwise with broadcasting (torch.div, true division).</summary>
    public static Tensor Div(Tensor a, Tensor b)
    {
        var output = ApplyBinary("Div", BinaryOp.Div, a, b);
        if (Graph.NeedsGrad(a, b))
            Graph.Record(output, "div", [a, b], (dOutput, grads) =>
            {
                // dA = dOut / b; dB = -dOut * a / b^2 = -(dOut / b) * output
                var backend = dOutput.Backend;
                var quotient = Tensor.EmptyLike(dOutput);
                backend.Binary(BinaryOp.Div, dOutput, b, quotient);
                if (grads.Wants(0)) AccumulateReduced(quotient, grads.Buffer(0));
                if (grads.Wants(1))
                {
                    backend.Binary(BinaryOp.Mul, quotient, output, quotient);
                    AccumulateReduced(quotient, grads.Buffer(1), scale: -1f);
                }
            });
        return output;
    }

    public static Tensor Div(Tensor a, float b) => Div(a, ScalarLike(a, b));
    public static Tensor Div(float a, Tensor b) => Div(ScalarLike(b, a), b);
}
