using Hark.Nn;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Models;

/// <summary>
/// PANNs' _ResnetBasicBlock: with stride 2 a 2x2 average pool first (PANNs downsamples by pooling, not by a strided
/// convolution), then conv1 (3x3, no bias) -> bn1 -> ReLU -> dropout -> conv2 -> bn2, plus the shortcut (the input, or
/// <c>downsample</c>: [2x2 average pool,] 1x1 conv, batch norm), then ReLU. Keys in PANNs' order: <c>conv1</c>,
/// <c>bn1</c>, <c>conv2</c>, <c>bn2</c>, <c>downsample.1</c> and <c>downsample.2</c> (stride 2; index 0 is the pool)
/// or <c>downsample.0</c> and <c>downsample.1</c> (stride 1, a change of width).
/// </summary>
public sealed class PannsResidualBlock : Layer
{
    public PannsResidualBlock(int inChannels, int outChannels, int stride, double dropout, Generator generator)
    {
        if (stride is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(stride), stride, "PannsResidualBlock: PANNs' residual blocks have stride 1 or 2");
        Stride = stride;
        Conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, 3, generator, padding: 1, bias: false));
        Bn1 = RegisterModule("bn1", new BatchNorm2d(outChannels));
        Conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, 3, generator, padding: 1, bias: false));
        Bn2 = RegisterModule("bn2", new BatchNorm2d(outChannels));
        if (stride == 2)
            Downsample = RegisterModule("downsample", new Sequential(new AvgPool2d(2),
                new Conv2d(inChannels, outChannels, 1, generator, bias: false), new BatchNorm2d(outChannels)));
        else if (inChannels != outChannels)
            Downsample = RegisterModule("downsample", ProjectionShortcut.Create(inChannels, outChannels, 1, generator));
        Dropout = RegisterModule("dropout", new Dropout(generator.Fork(), dropout));
    }

    public int Stride { get; }
    public Conv2d Conv1 { get; }
    public BatchNorm2d Bn1 { get; }
    public Conv2d Conv2 { get; }
    public BatchNorm2d Bn2 { get; }
    public Sequential? Downsample { get; }
    public Dropout Dropout { get; }

    // input [batch, in_channels, H, W] -> [batch, out_channels, H / stride, W / stride]
    public override Tensor Forward(Tensor input)
    {
        var pooled = Stride == 2 ? Ops.AvgPool2d(input, 2) : input;
        var activated = ConvBatchNormRelu.Forward(pooled, Conv1, Bn1);
        var dropped = Dropout.Forward(activated);
        var convolved = Conv2.Forward(dropped);
        var normalised = Bn2.Forward(convolved);
        var shortcut = Downsample is null ? input : Downsample.Forward(input);
        var sum = Ops.Add(normalised, shortcut);
        var output = Ops.Relu(sum);
        return output;
    }
}
