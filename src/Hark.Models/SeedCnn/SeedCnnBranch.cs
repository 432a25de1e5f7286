using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// One branch of <see cref="SeedCnn"/>: a Sequential <c>f</c> of conv blocks (Conv2d 3x3 pad 1, BatchNorm2d,
/// LeakyReLU, optional MaxPool2d(2), optional Dropout), then the global average over height and width.
/// Keys: <c>f.{block}.0.weight</c> (conv), <c>f.{block}.1.running_mean</c> (batch norm), as the peer's Branch.
/// </summary>
public sealed class SeedCnnBranch : Layer
{
    public SeedCnnBranch(SeedCnnOptions options, Generator generator)
    {
        int blocks = options.Widths.Count;
        if (options.Pool.Count != blocks || options.BlockDropout.Count != blocks)
            throw new ArgumentException($"SeedCnn: {blocks} widths need as many pool flags and block dropouts; got {options.Pool.Count} and {options.BlockDropout.Count}");
        Features = RegisterModule("f", new Sequential());
        int channels = options.InputChannels;
        for (int i = 0; i < blocks; i++)
        {
            int width = options.Widths[i];
            var block = new Sequential(
                new Conv2d(channels, width, 3, generator, padding: 1),
                new BatchNorm2d(width),
                new LeakyReLU(options.NegativeSlope));
            if (options.Pool[i]) block.Append(new MaxPool2d(2));
            if (options.BlockDropout[i] > 0) block.Append(new Dropout(generator.Fork(), options.BlockDropout[i]));
            Features.Append(block);
            channels = width;
        }
        OutputFeatures = channels;
    }

    public Sequential Features { get; }
    public int OutputFeatures { get; }

    // input [N, C, H, W] -> [N, OutputFeatures]
    public override Tensor Forward(Tensor input) => Ops.Mean(Features.Forward(input), [2, 3]);
}
