using Hark.Nn;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Models;

/// <summary>
/// A ResNet basic block with squeeze-and-excitation, as timm's BasicBlock with attn_layer='se':
/// conv1 (3x3, stride) -> bn1 -> ReLU -> conv2 (3x3) -> bn2 -> se, plus the shortcut (identity, or a 1x1 strided
/// <c>downsample</c> conv + batch norm when the shape changes), then ReLU. Keys: <c>conv1</c>, <c>bn1</c>,
/// <c>conv2</c>, <c>bn2</c>, <c>se.fc1</c>, <c>se.fc2</c>, <c>downsample.0</c>, <c>downsample.1</c>.
/// </summary>
public sealed class SeBasicBlock : Layer
{
    public SeBasicBlock(int inChannels, int outChannels, int stride, int seReduction, Generator generator)
    {
        Conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, 3, generator, stride: stride, padding: 1, bias: false));
        Bn1 = RegisterModule("bn1", new BatchNorm2d(outChannels));
        Conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, 3, generator, padding: 1, bias: false));
        Bn2 = RegisterModule("bn2", new BatchNorm2d(outChannels));
        Se = RegisterModule("se", new SqueezeExcitation(outChannels, generator, seReduction));
        if (stride != 1 || inChannels != outChannels)
            Downsample = RegisterModule("downsample", ProjectionShortcut.Create(inChannels, outChannels, stride, generator));
    }

    public Conv2d Conv1 { get; }
    public BatchNorm2d Bn1 { get; }
    public Conv2d Conv2 { get; }
    public BatchNorm2d Bn2 { get; }
    public SqueezeExcitation Se { get; }
    public Sequential? Downsample { get; }

    // input [batch, in_channels, H, W] -> [batch, out_channels, ceil(H / stride), ceil(W / stride)]
    public override Tensor Forward(Tensor input)
    {
        var shortcut = Downsample is null ? input : Downsample.Forward(input);
        var activated = ConvBatchNormRelu.Forward(input, Conv1, Bn1);
        var convolved2 = Conv2.Forward(activated);
        var normalised = Bn2.Forward(convolved2);
        var excited = Se.Forward(normalised);
        var sum = Ops.Add(excited, shortcut);
        var output = Ops.Relu(sum);
        return output;
    }
}
