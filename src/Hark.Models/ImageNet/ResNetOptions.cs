namespace Hark.Models;

/// <summary>
/// torchvision's ResNet with Bottleneck blocks (ResNet-50: blocks 3, 4, 6, 3). <see cref="Width"/> is the first stage's
/// bottleneck width (torchvision: 64); the stages double it and each block's output is 4x its width. The stem
/// (7x7 conv, stride 2, to 64 channels, 3x3 max-pool) is torchvision's whatever the width.
/// </summary>
public sealed record ResNetOptions
{
    public int Classes { get; init; } = 1000;
    public IReadOnlyList<int> Blocks { get; init; } = [3, 4, 6, 3];
    public int Width { get; init; } = 64;
    public int StemWidth { get; init; } = 64;
    public double HeadDropout { get; init; }
    public ImageInputOptions Input { get; init; } = new();

    public const int Expansion = 4;
}
