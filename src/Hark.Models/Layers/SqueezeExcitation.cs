using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// Squeeze-and-excitation channel attention (Hu et al. 2018) with timm's SEModule names and sizes: global average
/// pool, <c>fc1</c> (1x1 conv to the reduced width) -> ReLU -> <c>fc2</c> (1x1 conv back) -> sigmoid gate that
/// rescales each channel. The reduced width is timm's make_divisible(channels / reduction, 8), at least 8, so the
/// shapes match timm's seresnet checkpoints. The second constructor is torchvision.ops.SqueezeExcitation (EfficientNet:
/// the reduced width given, SiLU between the convolutions), with the same keys.
/// </summary>
public sealed class SqueezeExcitation : Layer
{
    public SqueezeExcitation(int channels, Generator generator, int reduction = 16)
        : this(channels, reduction > 0 ? ReducedWidth(channels, reduction) : 0, new ReLU(), generator) { }

    public SqueezeExcitation(int channels, int reducedChannels, Layer activation, Generator generator)
    {
        if (channels <= 0 || reducedChannels <= 0)
            throw new ArgumentException($"SqueezeExcitation: channels ({channels}) and reduced channels ({reducedChannels}) must be positive");
        ReducedChannels = reducedChannels;
        Activation = activation;
        Fc1 = RegisterModule("fc1", new Conv2d(channels, ReducedChannels, 1, generator));
        Fc2 = RegisterModule("fc2", new Conv2d(ReducedChannels, channels, 1, generator));
    }

    public int ReducedChannels { get; }

    /// <summary>What runs between the two convolutions: ReLU (timm's SEModule) or the one given (SiLU for EfficientNet).</summary>
    public Layer Activation { get; }
    public Conv2d Fc1 { get; }
    public Conv2d Fc2 { get; }

    /// <summary>timm's make_divisible(channels / reduction, divisor 8, round_limit 0).</summary>
    public static int ReducedWidth(int channels, int reduction, int divisor = 8) =>
        Math.Max(divisor, (int)((double)channels / reduction + divisor / 2.0) / divisor * divisor);

    // input [batch, channels, height, width] -> same shape, each channel scaled by its gate in (0, 1)
    public override Tensor Forward(Tensor input)
    {
        var squeezed = Ops.Mean(input, [2, 3], keepDim: true);
        var gate = Ops.Sigmoid(Fc2.Forward(Activation.Forward(Fc1.Forward(squeezed))));
        return Ops.Mul(input, gate);
    }
}
