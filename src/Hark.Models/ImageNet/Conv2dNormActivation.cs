using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// torchvision.ops.Conv2dNormActivation: conv (no bias, padding (kernel - 1) / 2) as <c>0</c>, batch norm as <c>1</c>,
/// then SiLU unless <c>activate</c> is false; keys <c>0.weight</c>, <c>1.running_mean</c>, ...
/// With <c>tfSamePadding</c> a strided conv pads as TensorFlow's "same" (timm's Conv2dSame in its tf_ ports): the input
/// is zero-padded by max((ceil(size / stride) - 1) x stride + kernel - size, 0), half before (rounded down) and the rest
/// after, on each side of height and width; stride-1 convs keep the symmetric (kernel - 1) / 2, as timm does.
/// </summary>
public sealed class Conv2dNormActivation : Layer
{
    public Conv2dNormActivation(int inChannels, int outChannels, int kernel, int stride, double eps, Generator generator, int groups = 1, bool activate = true, bool tfSamePadding = false)
    {
        PadsDynamically = tfSamePadding && stride > 1;
        Conv = RegisterModule("0", new Conv2d(inChannels, outChannels, kernel, generator, stride: stride, padding: PadsDynamically ? 0 : (kernel - 1) / 2, groups: groups, bias: false));
        Norm = RegisterModule("1", new BatchNorm2d(outChannels, eps: eps));
        Activates = activate;
    }

    public Conv2d Conv { get; }
    public BatchNorm2d Norm { get; }
    public bool Activates { get; }
    public bool PadsDynamically { get; }

    // input [batch, in, H, W] -> [batch, out, H / stride, W / stride]
    public override Tensor Forward(Tensor input)
    {
        var normalised = Norm.Forward(Conv.Forward(PadsDynamically ? TfSamePad(input) : input));
        return Activates ? Ops.Silu(normalised) : normalised;
    }

    private Tensor TfSamePad(Tensor input)
    {
        int height = SamePadding(input.Shape[2], Conv.KernelSize.Height, Conv.Stride.Height);
        int width = SamePadding(input.Shape[3], Conv.KernelSize.Width, Conv.Stride.Width);
        return Ops.Pad(input, [width / 2, width - width / 2, height / 2, height - height / 2]);
    }

    /// <summary>TensorFlow's total "same" padding along one axis of <paramref name="size"/>.</summary>
    public static int SamePadding(int size, int kernel, int stride) => Math.Max(((size + stride - 1) / stride - 1) * stride + kernel - size, 0);
}
