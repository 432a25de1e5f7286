using Hark.Tensors;

namespace Hark.Nn;

/// <summary>torch.nn.AdaptiveMaxPool2d: the maximum over adaptive windows; (1, 1) is global max pooling.</summary>
public sealed class AdaptiveMaxPool2d((int Height, int Width) outputSize) : Layer
{
    public AdaptiveMaxPool2d(int outputSize) : this((outputSize, outputSize)) { }

    public (int Height, int Width) OutputSize { get; } = outputSize;

    // input [N, C, H, W] -> [N, C, outH, outW]
    public override Tensor Forward(Tensor input) => Ops.AdaptiveMaxPool2d(input, OutputSize);
}
