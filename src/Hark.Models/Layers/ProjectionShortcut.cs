using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// A residual block's projection shortcut when the stride or the channel count changes: a 1x1 convolution without bias
/// (carrying the block's stride) and a batch norm, as torchvision's ResNet <c>downsample</c> builds it, so its keys are
/// <c>downsample.0.weight</c> and <c>downsample.1.*</c>. The ResNet-SE, PANNs ResNet and torchvision Bottleneck blocks share it.
/// </summary>
internal static class ProjectionShortcut
{
    public static Sequential Create(int inChannels, int outChannels, int stride, Generator generator) =>
        new(new Conv2d(inChannels, outChannels, 1, generator, stride: stride, bias: false), new BatchNorm2d(outChannels));
}
