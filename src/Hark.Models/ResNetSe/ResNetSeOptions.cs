namespace Hark.Models;

/// <summary>
/// The shape of <see cref="ResNetSe"/>. The defaults make a ResNet-18-like network for spectrograms: four stages of two
/// basic blocks, widths 32, 64, 128, 256, squeeze-and-excitation with reduction 16, a 256-d embedding.
/// </summary>
public sealed record ResNetSeOptions
{
    public int Classes { get; init; } = 50;
    public int InputChannels { get; init; } = 1;

    /// <summary>How many inputs a sample has; they are stacked as channels (InputCount * InputChannels in).</summary>
    public int InputCount { get; init; } = 1;

    /// <summary>The stem's and first stage's width; each further stage doubles it.</summary>
    public int Width { get; init; } = 32;

    public int Stages { get; init; } = 4;
    public int BlocksPerStage { get; init; } = 2;
    public int SeReduction { get; init; } = 16;
    public int EmbeddingSize { get; init; } = 256;

    /// <summary>Dropout between the embedding and the classifier.</summary>
    public double HeadDropout { get; init; } = 0.3;

    /// <summary>These options with the dropout probability set to 0 (for parity checks against PyTorch).</summary>
    public ResNetSeOptions WithoutDropout() => this with { HeadDropout = 0 };
}
