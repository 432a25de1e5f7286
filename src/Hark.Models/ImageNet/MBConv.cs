using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// torchvision's MBConv and FusedMBConv (EfficientNetV2), keys under <c>block.</c>.
/// MBConv: 1x1 expand (when the ratio is not 1) -> depthwise k x k at the stride -> squeeze-excitation (reduced to
/// input channels / 4, SiLU) -> 1x1 project without activation. FusedMBConv: k x k expand at the stride -> 1x1 project,
/// or with ratio 1 a single k x k conv with activation. With stride 1 and equal channels the block's output passes
/// <see cref="StochasticDepth"/> and is added to its input. <c>tfSamePadding</c>: the strided conv pads as TensorFlow
/// (see <see cref="Conv2dNormActivation"/>).
/// </summary>
public sealed class MBConv : Layer
{
    public MBConv(EfficientNetStage stage, int inChannels, int stride, double stochasticDepth, double eps, Generator generator, bool tfSamePadding = false)
    {
        int expanded = EfficientNetV2Options.MakeDivisible(inChannels * stage.ExpandRatio);
        var layers = new Sequential();
        if (stage.Fused)
        {
            if (expanded != inChannels)
            {
                layers.Append(new Conv2dNormActivation(inChannels, expanded, stage.Kernel, stride, eps, generator, tfSamePadding: tfSamePadding));
                layers.Append(new Conv2dNormActivation(expanded, stage.OutChannels, 1, 1, eps, generator, activate: false));
            }
            else
            {
                layers.Append(new Conv2dNormActivation(inChannels, stage.OutChannels, stage.Kernel, stride, eps, generator, tfSamePadding: tfSamePadding));
            }
        }
        else
        {
            if (expanded != inChannels) layers.Append(new Conv2dNormActivation(inChannels, expanded, 1, 1, eps, generator));
            layers.Append(new Conv2dNormActivation(expanded, expanded, stage.Kernel, stride, eps, generator, groups: expanded, tfSamePadding: tfSamePadding));
            layers.Append(new SqueezeExcitation(expanded, Math.Max(1, inChannels / 4), new SiLU(), generator));
            layers.Append(new Conv2dNormActivation(expanded, stage.OutChannels, 1, 1, eps, generator, activate: false));
        }
        Block = RegisterModule("block", layers);
        Residual = stride == 1 && inChannels == stage.OutChannels;
        StochasticDepth = RegisterModule("stochastic_depth", new StochasticDepth(generator.Fork(), stochasticDepth));
    }

    public Sequential Block { get; }
    public bool Residual { get; }
    public StochasticDepth StochasticDepth { get; }

    // input [batch, in, H, W] -> [batch, out, H / stride, W / stride]
    public override Tensor Forward(Tensor input)
    {
        var result = Block.Forward(input);
        return Residual ? Ops.Add(StochasticDepth.Forward(result), input) : result;
    }
}
