using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// relu(bn(conv(x))), the conv-BN-ReLU step the keras-cnn, cnn14 and resnet-se blocks share: <see cref="ConvBatchNormActivation"/>
/// with slope 0 (in evaluation without a graph, one convolution with the batch norm folded in and the ReLU in its output pass).
/// </summary>
internal static class ConvBatchNormRelu
{
    public static Tensor Forward(Tensor x, Conv2d conv, BatchNorm2d bn) => ConvBatchNormActivation.Forward(x, conv, bn, negativeSlope: 0f);
}
