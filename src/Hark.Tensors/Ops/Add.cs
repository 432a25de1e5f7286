using Hark.Tensors.Autograd;
using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>a + b with broadcasting (torch.add); each gradient is summed back to its input's shape.</summary>
    public static Tensor Add(Tensor a, Tensor b)
    {
        var output = ApplyBinary("Add", BinaryOp.Add, a, b);
        if (Graph.NeedsGrad(a, b))
            Graph.Record(output, "add", [a, b], (dOutput, grads) =>
            {
                if (grads.Wants(0)) AccumulateReduced(dOutput, grads.Buffer(0));
                if (grads.Wants(1)) AccumulateReduced(dOutput, grads.Buffer(1));
            });
        return output;
    }

    public static Tensor Add(Tensor a, float b) => Add(a, ScalarLike(a, b));
    public static Tensor Add(float a, Tensor b) => Add(ScalarLike(b, a), b);

    /// <summary>Validates devices and shapes, allocates the broadcast output and runs the kernel; the caller records the backward.</summary>
    private static Tensor ApplyBinary(string name, BinaryOp op, Tensor a, Tensor b)
    {
        ShapeException.SameDevice(name, a, b);
        var output = Tensor.Empty(BroadcastShape(name, a, b), a.Device);
        a.Backend.Binary(op, a, b, output);
        return output;
    }

    /// <summary>A rank-0 tensor holding <paramref name="value"/> on <paramref name="like"/>'s device: scalars broadcast everywhere.</summary>
    private static Tensor ScalarLike(Tensor like, float value) => Tensor.Full([], value, like.Device);
}
