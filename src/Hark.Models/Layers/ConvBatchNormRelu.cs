using Hark.Nn;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Models;

/// <summary>
/// relu(bn(conv(x))) with batch norm and ReLU fused (<see cref="BatchNorm.ForwardActivated"/>), retiring the convolution's
/// output, which only the batch norm reads: the conv-BN-ReLU step the keras-cnn, cnn14 and resnet-se blocks share.
/// </summary>
internal static class ConvBatchNormRelu
{
    public static Tensor Forward(Tensor x, Conv2d conv, BatchNorm2d bn)
    {
        var convolved = conv.Forward(x);
        var activated = bn.ForwardActivated(convolved, negativeSlope: 0f);
        return activated;
    }
}
