namespace Hark.Models;

/// <summary>
/// The shape of <see cref="Cnn14"/>. The defaults are PANNs' Cnn14 for AudioSet: 64 mel bins, widths 64 .. 2048,
/// a 2048-d fc1, 527 classes, dropout 0.2 after each block and 0.5 in the head (80,753,615 parameters).
/// </summary>
public sealed record Cnn14Options
{
    public int Classes { get; init; } = 527;
    public int InputChannels { get; init; } = 1;

    /// <summary>How many inputs a sample has; they are stacked as channels (InputCount * InputChannels in).</summary>
    public int InputCount { get; init; } = 1;

    /// <summary>Mel bins of the input: bn0 normalises each bin with its own statistics, as in PANNs.</summary>
    public int MelBins { get; init; } = 64;

    /// <summary>conv_block1's width; blocks 2 .. 6 double it each time (PANNs: 64).</summary>
    public int Width { get; init; } = 64;

    /// <summary>fc1's width, the embedding; null gives conv_block6's width (32 x Width, 2048 in PANNs).</summary>
    public int? EmbeddingSize { get; init; }

    public ClipPooling Pooling { get; init; } = ClipPooling.MeanMax;
    public AttentionActivation AttentionActivation { get; init; } = AttentionActivation.Sigmoid;
    public double BlockDropout { get; init; } = 0.2;
    public double HeadDropout { get; init; } = 0.5;

    /// <summary>These options with every dropout probability set to 0 (for parity checks against PyTorch).</summary>
    public Cnn14Options WithoutDropout() => this with { BlockDropout = 0, HeadDropout = 0 };
}
