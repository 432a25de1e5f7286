namespace Hark.Models;

/// <summary>
/// The shape of <see cref="KerasCnn"/>. The defaults are pipeline D's: three blocks of width 32, 64, 128 with
/// dropout 0.25, 0.25, 0.3, a 128-unit dense embedding with dropout 0.5.
/// </summary>
public sealed record KerasCnnOptions
{
    public int Classes { get; init; } = 10;
    public int InputChannels { get; init; } = 1;

    /// <summary>How many inputs a sample has; they are stacked as channels (InputCount * InputChannels in).</summary>
    public int InputCount { get; init; } = 1;

    /// <summary>The first block's width; each further block doubles it.</summary>
    public int Width { get; init; } = 32;

    /// <summary>Dropout after each block's pooling; its length is the number of blocks.</summary>
    public IReadOnlyList<double> BlockDropout { get; init; } = [0.25, 0.25, 0.3];

    public int EmbeddingSize { get; init; } = 128;
    public double HeadDropout { get; init; } = 0.5;

    /// <summary>Keras BatchNormalization's defaults (epsilon 1e-3, momentum 0.99, i.e. torch momentum 0.01).</summary>
    public double BatchNormEps { get; init; } = 1e-3;
    public double BatchNormMomentum { get; init; } = 0.01;

    /// <summary>Keras' Glorot-uniform kernels with zero biases, or PyTorch's layer defaults.</summary>
    public KerasCnnInit Init { get; init; } = KerasCnnInit.Keras;

    /// <summary>These options with every dropout probability set to 0 (for parity checks against PyTorch).</summary>
    public KerasCnnOptions WithoutDropout() => this with { BlockDropout = BlockDropout.Select(_ => 0.0).ToArray(), HeadDropout = 0 };
}
