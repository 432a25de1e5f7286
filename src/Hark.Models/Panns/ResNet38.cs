using Hark.Nn;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Models;

/// <summary>
/// PANNs' ResNet38: <c>conv_block1</c> (a <see cref="PannsConvBlock"/> of Width, 2x2 pool) -> dropout -> <c>resnet</c>
/// (<see cref="PannsResNet"/>, 3, 4, 6, 3 residual blocks) -> 2x2 average pool -> dropout -> <c>conv_block_after1</c>
/// (8 x Width to 32 x Width, no pool) -> dropout, then <see cref="PannsClassifier"/>'s head. As PANNs' zero_init_residual,
/// every residual block's bn2 starts with zero weights, so each block starts as its shortcut.
/// </summary>
public sealed class ResNet38 : PannsClassifier
{
    public static IReadOnlyList<int> BlocksPerLayer { get; } = [3, 4, 6, 3];

    public ResNet38(PannsOptions options, Generator generator) : base(options)
    {
        ConvBlock1 = RegisterModule("conv_block1", new PannsConvBlock(options.InputChannels * options.InputCount, options.Width, 2, generator));
        Resnet = RegisterModule("resnet", new PannsResNet(options.Width, BlocksPerLayer, options.ResidualDropout, generator));
        ConvBlockAfter1 = RegisterModule("conv_block_after1", new PannsConvBlock(Resnet.OutChannels, 4 * Resnet.OutChannels, 1, generator));
        RegisterHead(4 * Resnet.OutChannels, generator);
        foreach (var block in Resnet.Layers.SelectMany(layer => Enumerable.Range(0, layer.Count).Select(i => (PannsResidualBlock)layer[i])))
            Initializers.Zeros(block.Bn2.Weight!);
    }

    public PannsConvBlock ConvBlock1 { get; }
    public PannsResNet Resnet { get; }
    public PannsConvBlock ConvBlockAfter1 { get; }

    public override int TimeDownsampling => 32;

    // x [batch, channels, frames, mels] -> [batch, 32 x Width, frames / 32, mels / 32]
    protected override Tensor Body(Tensor x)
    {
        var y = Dropped(ConvBlock1.Forward(x));
        var residual = Resnet.Forward(y);
        var pooled = Ops.AvgPool2d(residual, 2);
        var z = Dropped(pooled);
        var after = Dropped(ConvBlockAfter1.Forward(z));
        return after;
    }

    // the block dropout, retiring its input when it made a new tensor
    private Tensor Dropped(Tensor x)
    {
        var y = BlockDropout.Forward(x);
        return y;
    }
}
