using Hark.Tensors;

namespace Hark.Nn;

/// <summary>torch.nn.AdaptiveAvgPool2d: averages into an output of the given size; (1, 1) is global average pooling.</summary>
public sealed class AdaptiveAvgPool2d((int Height, int Width) outputSize) : Layer
{
    public AdaptiveAvgPool2d(int outputSize) : this((outputSize, outputSize)) { }

    public (int Height, int Width) OutputSize { get; } = outputSize;

    // input [N, C, H, W] -> [N, C, outH, outW]
    public override Tensor Forward(Tensor input) => Ops.AdaptiveAvgPool2d(input, OutputSize);
}
