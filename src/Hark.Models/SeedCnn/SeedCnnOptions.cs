namespace Hark.Models;

/// <summary>
/// The shape of <see cref="SeedCnn"/>. The defaults are the seed pipeline's (pipeline A): three branches of five
/// conv blocks 3 -> 16 -> 32 -> 48 -> 64 -> 64, pooling after the first four, dropout rising 0 -> 0.10, a 128-unit
/// head with dropout 0.3, 16 classes: 278,912 parameters under a limit of 500K.
/// </summary>
public sealed record SeedCnnOptions
{
    public int Branches { get; init; } = 3;
    public int Classes { get; init; } = 16;
    public int InputChannels { get; init; } = 3;
    public IReadOnlyList<int> Widths { get; init; } = [16, 32, 48, 64, 64];

    /// <summary>Whether each block ends with a 2x2 max-pool.</summary>
    public IReadOnlyList<bool> Pool { get; init; } = [true, true, true, true, false];

    /// <summary>Dropout after each block; a block with 0 has no Dropout layer, as in the peer's code.</summary>
    public IReadOnlyList<double> BlockDropout { get; init; } = [0.0, 0.05, 0.08, 0.10, 0.10];

    public int Hidden { get; init; } = 128;
    public double HeadDropout { get; init; } = 0.3;
    public double NegativeSlope { get; init; } = 0.01;

    /// <summary>These options with every dropout probability set to 0 (for parity checks against PyTorch).</summary>
    public SeedCnnOptions WithoutDropout() => this with { BlockDropout = BlockDropout.Select(_ => 0.0).ToArray(), HeadDropout = 0 };
}
