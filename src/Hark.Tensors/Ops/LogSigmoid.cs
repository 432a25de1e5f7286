using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>log(sigmoid(x)) computed without overflow (torch.nn.functional.logsigmoid).</summary>
    public static Tensor LogSigmoid(Tensor x) => ApplyUnary("log_sigmoid", UnaryOp.LogSigmoid, x);
}
