using Hark.Tensors.Autograd;
using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>a * b elementwise with broadcasting (torch.mul).</summary>
    public static Tensor Mul(Tensor a, Tensor b)
    {
        var output = ApplyBinary("Mul", BinaryOp.Mul, a, b);
        if (Graph.NeedsGrad(a, b))
            Graph.Record(output, "mul", [a, b], (dOutput, grads) =>
            {
                // dA = dOut * b, dB = dOut * a, each summed over the axes its input was broadcast along
                var backend = dOutput.Backend;
                var product = Tensor.EmptyLike(dOutput);
                if (grads.Wants(0))
                {
                    backend.Binary(BinaryOp.Mul, dOutput, b, product);
                    AccumulateReduced(product, grads.Buffer(0));
                }
                if (grads.Wants(1))
                {
                    backend.Binary(BinaryOp.Mul, dOutput, a, product);
                    AccumulateReduced(product, grads.Buffer(1));
                }
            });
        return output;
    }

    public static Tensor Mul(Tensor a, float b) => Mul(a, ScalarLike(a, b));
    public static Tensor Mul(float a, Tensor b) => Mul(ScalarLike(b, a), b);
}
