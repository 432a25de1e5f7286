using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Nn;

/// <summary>
/// Conv2d -> BatchNorm2d -> LeakyReLU (negative slope 0: ReLU), the block the CNNs here are built of. Where the batch norm
/// normalises with its running statistics (evaluation) and nothing records a graph, it folds into the convolution
/// (w' = w * s, b' = (b - running_mean) * s + beta with s = gamma / sqrt(running_var + eps) per output channel) and the
/// activation runs in the convolution's output pass (<see cref="Ops.Conv2dActivation"/>): the block's output is written
/// once instead of being written, read and written again. The folded weights are made on every call, from the tensors
/// as they are then (a few thousand values against the convolution's millions of multiply-adds), so an optimiser step
/// or a loaded state dict can never leave them stale. Otherwise the layers run one after the other, batch norm and
/// activation fused (<see cref="BatchNorm.ForwardActivated"/>). Both give the same numbers up to float rounding.
/// </summary>
public static class ConvBatchNormActivation
{
    // input [N, Cin, H, W] -> [N, Cout, OH, OW]
    public static Tensor Forward(Tensor input, Conv2d conv, BatchNorm2d norm, float negativeSlope)
    {
        if (!Folds(input, conv, norm)) return norm.ForwardActivated(conv.Forward(input), negativeSlope);
        var (weight, bias) = Folded(conv, norm);
        return Ops.Conv2dActivation(input, weight, bias, conv.Stride, conv.Padding, conv.Dilation, conv.Groups, negativeSlope);
    }

    /// <summary>
    /// This block followed by <paramref name="pool"/>; where the block folds and the pool is MaxPool2d(2) (2x2 windows,
    /// stride 2, no padding) the pool runs in the convolution's output pass too (<see cref="Ops.Conv2dActivationMaxPool"/>).
    /// </summary>
    public static Tensor Forward(Tensor input, Conv2d conv, BatchNorm2d norm, float negativeSlope, MaxPool2d pool)
    {
        if (!Folds(input, conv, norm) || pool.KernelSize != (2, 2) || pool.Stride != (2, 2) || pool.Padding != (0, 0))
            return pool.Forward(Forward(input, conv, norm, negativeSlope));
        var (weight, bias) = Folded(conv, norm);
        return Ops.Conv2dActivationMaxPool(input, weight, bias, conv.Stride, conv.Padding, conv.Dilation, conv.Groups, negativeSlope);
    }

    private static bool Folds(Tensor input, Conv2d conv, BatchNorm2d norm) =>
        !norm.Training && norm.RunningMean is not null && norm.RunningVar is not null && norm.NumFeatures == conv.OutChannels
        && !Graph.NeedsGrad(input, conv.Weight, conv.Bias, norm.Weight, norm.Bias);

    // s [Cout] = gamma / sqrt(running_var + eps), computed as the batch-norm kernels do; weight [Cout, Cin / groups, kH, kW] * s, bias [Cout]
    private static (Tensor Weight, Tensor Bias) Folded(Conv2d conv, BatchNorm2d norm)
    {
        var scale = 1f / Ops.Sqrt(norm.RunningVar! + (float)norm.Eps);
        if (norm.Weight is not null) scale = norm.Weight * scale;
        var weight = conv.Weight * Ops.Reshape(scale, conv.OutChannels, 1, 1, 1);
        var bias = (conv.Bias is null ? -norm.RunningMean! : conv.Bias - norm.RunningMean!) * scale;
        return (weight, norm.Bias is null ? bias : bias + norm.Bias);
    }
}
