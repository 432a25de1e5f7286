namespace Hark.Models;

/// <summary>
/// One stage of EfficientNetV2 as torchvision's FusedMBConvConfig / MBConvConfig give it: block kind, expansion ratio,
/// kernel, the first block's stride, input and output channels, and how many blocks.
/// </summary>
public sealed record EfficientNetStage(bool Fused, int ExpandRatio, int Kernel, int Stride, int InChannels, int OutChannels, int Layers);
