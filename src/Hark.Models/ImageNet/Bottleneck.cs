using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// torchvision's Bottleneck (ResNet v1.5: the stride sits on the 3x3 conv): conv1 1x1 -> bn1 -> ReLU -> conv2 3x3 ->
/// bn2 -> ReLU -> conv3 1x1 to 4x width -> bn3, plus the input (through <c>downsample</c> = 1x1 conv + BN when the
/// stride or the channels change), then ReLU.
/// </summary>
public sealed class Bottleneck : Layer
{
    public Bottleneck(int inChannels, int width, int stride, Generator generator)
    {
        int outChannels = width * ResNetOptions.Expansion;
        Conv1 = RegisterModule("conv1", new Conv2d(inChannels, width, 1, generator, bias: false));
        Bn1 = RegisterModule("bn1", new BatchNorm2d(width));
        Conv2 = RegisterModule("conv2", new Conv2d(width, width, 3, generator, stride: stride, padding: 1, bias: false));
        Bn2 = RegisterModule("bn2", new BatchNorm2d(width));
        Conv3 = RegisterModule("conv3", new Conv2d(width, outChannels, 1, generator, bias: false));
        Bn3 = RegisterModule("bn3", new BatchNorm2d(outChannels));
        if (stride != 1 || inChannels != outChannels)
            Downsample = RegisterModule("downsample", ProjectionShortcut.Create(inChannels, outChannels, stride, generator));
    }

    public Conv2d Conv1 { get; }
    public BatchNorm2d Bn1 { get; }
    public Conv2d Conv2 { get; }
    public BatchNorm2d Bn2 { get; }
    public Conv2d Conv3 { get; }
    public BatchNorm2d Bn3 { get; }
    public Sequential? Downsample { get; }

    // input [batch, in, H, W] -> [batch, 4 width, H / stride, W / stride]
    public override Tensor Forward(Tensor input)
    {
        var x = ConvBatchNormRelu.Forward(input, Conv1, Bn1);
        x = ConvBatchNormRelu.Forward(x, Conv2, Bn2);
        x = Bn3.Forward(Conv3.Forward(x));
        var identity = Downsample?.Forward(input) ?? input;
        return Ops.Relu(Ops.Add(x, identity));
    }
}
