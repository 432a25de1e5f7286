using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// torchvision.ops.Conv2dNormActivation: conv (no bias, padding (kernel - 1) / 2) as <c>0</c>, batch norm as <c>1</c>,
/// then SiLU unless <c>activate</c> is false; keys <c>0.weight</c>, <c>1.running_mean</c>, ...
/// </summary>
public sealed class Conv2dNormActivation : Layer
{
    public Conv2dNormActivation(int inChannels, int outChannels, int kernel, int stride, double eps, Generator generator, int groups = 1, bool activate = true)
    {
        Conv = RegisterModule("0", new Conv2d(inChannels, outChannels, kernel, generator, stride: stride, padding: (kernel - 1) / 2, groups: groups, bias: false));
        Norm = RegisterModule("1", new BatchNorm2d(outChannels, eps: eps));
        Activates = activate;
    }

    public Conv2d Conv { get; }
    public BatchNorm2d Norm { get; }
    public bool Activates { get; }

    // input [batch, in, H, W] -> [batch, out, H / stride, W / stride]
    public override Tensor Forward(Tensor input)
    {
        var normalised = Norm.Forward(Conv.Forward(input));
        return Activates ? Ops.Silu(normalised) : normalised;
    }
}
