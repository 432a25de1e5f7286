namespace Hark.Models;

/// <summary>
/// The shape of a PANNs network (<see cref="PannsCnn"/>: Cnn14, Cnn10; <see cref="ResNet38"/>). The defaults are PANNs'
/// for AudioSet: 64 mel bins, a first width of 64, 527 classes, dropout 0.2 after each block, 0.5 in the head and 0.1
/// inside ResNet38's residual blocks (Cnn14: 80,753,615 parameters).
/// </summary>
public sealed record PannsOptions
{
    public int Classes { get; init; } = 527;
    public int InputChannels { get; init; } = 1;

    /// <summary>How many inputs a sample has; they are stacked as channels (InputCount * InputChannels in).</summary>
    public int InputCount { get; init; } = 1;

    /// <summary>Mel bins of the input: bn0 normalises each bin with its own statistics, as in PANNs.</summary>
    public int MelBins { get; init; } = 64;

    /// <summary>conv_block1's width; the widths after it double stage by stage (PANNs: 64).</summary>
    public int Width { get; init; } = 64;

    /// <summary>fc1's width, the embedding; null gives the last block's width (Cnn14 and ResNet38: 32 x Width; Cnn10: 8 x Width).</summary>
    public int? EmbeddingSize { get; init; }

    public ClipPooling Pooling { get; init; } = ClipPooling.MeanMax;
    public AttentionActivation AttentionActivation { get; init; } = AttentionActivation.Sigmoid;
    public double BlockDropout { get; init; } = 0.2;
    public double HeadDropout { get; init; } = 0.5;

    /// <summary>Dropout between the two convolutions of ResNet38's residual blocks.</summary>
    public double ResidualDropout { get; init; } = 0.1;

    /// <summary>These options with every dropout probability set to 0 (for parity checks against PyTorch).</summary>
    public PannsOptions WithoutDropout() => this with { BlockDropout = 0, HeadDropout = 0, ResidualDropout = 0 };

    /// <summary>Throws naming every size when one is not positive.</summary>
    internal void Validate(string model)
    {
        if (Classes <= 0 || InputChannels <= 0 || InputCount <= 0 || MelBins <= 0 || Width <= 0 || EmbeddingSize is <= 0)
            throw new ArgumentException($"{model}: classes ({Classes}), input channels ({InputChannels}), input count ({InputCount}), mel bins ({MelBins}), width ({Width}) and embedding size ({EmbeddingSize}) must be positive");
    }
}
