using Hark.Nn;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Models;

/// <summary>
/// PANNs' ConvBlock with pool_type='avg': conv1 (3x3, no bias) -> bn1 -> ReLU -> conv2 -> bn2 -> ReLU -> average
/// pool of <see cref="PoolSize"/> (1 leaves the size alone, as Cnn14's last block and ResNet38's conv_block_after1 in PANNs). Keys in PANNs' order:
/// <c>conv1.weight</c>, <c>conv2.weight</c>, <c>bn1.*</c>, <c>bn2.*</c>.
/// </summary>
public sealed class PannsConvBlock : Layer
{
    public PannsConvBlock(int inChannels, int outChannels, int poolSize, Generator generator)
    {
        if (poolSize <= 0) throw new ArgumentOutOfRangeException(nameof(poolSize), poolSize, "PannsConvBlock: the pool size must be positive");
        PoolSize = poolSize;
        Conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, 3, generator, padding: 1, bias: false));
        Conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, 3, generator, padding: 1, bias: false));
        Bn1 = RegisterModule("bn1", new BatchNorm2d(outChannels));
        Bn2 = RegisterModule("bn2", new BatchNorm2d(outChannels));
    }

    public int PoolSize { get; }
    public Conv2d Conv1 { get; }
    public Conv2d Conv2 { get; }
    public BatchNorm2d Bn1 { get; }
    public BatchNorm2d Bn2 { get; }

    // input [batch, in_channels, frames, mels] -> [batch, out_channels, frames / pool, mels / pool]
    public override Tensor Forward(Tensor input)
    {
        var x = ConvBatchNormRelu.Forward(input, Conv1, Bn1);
        var y = ConvBatchNormRelu.Forward(x, Conv2, Bn2);
        if (PoolSize == 1) return y;
        var pooled = Ops.AvgPool2d(y, PoolSize);
        return pooled;
    }
}
