using Hark.Tensors;

namespace Hark.Nn;

/// <summary>torch.nn.AvgPool2d with count_include_pad=True; stride defaults to the kernel size.</summary>
public sealed class AvgPool2d((int Height, int Width) kernelSize, (int Height, int Width)? stride = null, (int Height, int Width)? padding = null) : Layer
{
    public AvgPool2d(int kernelSize, int? stride = null, int padding = 0)
        : this((kernelSize, kernelSize), stride is int s ? (s, s) : null, (padding, padding)) { }

    public (int Height, int Width) KernelSize { get; } = kernelSize;
    public (int Height, int Width) Stride { get; } = stride ?? kernelSize;
    public (int Height, int Width) Padding { get; } = padding ?? (0, 0);

    // input [N, C, H, W] -> [N, C, OH, OW]
    public override Tensor Forward(Tensor input) => Ops.AvgPool2d(input, KernelSize, Stride, Padding);
}
