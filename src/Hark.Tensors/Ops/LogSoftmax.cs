namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>x - max - log(sum(exp(x - max))) along <paramref name="axis"/> (torch.log_softmax).</summary>
    public static Tensor LogSoftmax(Tensor x, int axis) => SoftmaxAlong("LogSoftmax", x, axis, log: true);
}
