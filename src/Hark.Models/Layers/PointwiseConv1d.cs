using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// torch.nn.Conv1d with kernel size 1 (weight [out_channels, in_channels, 1], bias [out_channels]), applied to
/// input laid out [batch, length, in_channels] so it is one matrix product. The weight keeps Conv1d's shape so that
/// PyTorch state dicts load unchanged; torch's [batch, in_channels, length] input corresponds to the transpose of ours.
/// </summary>
public sealed class PointwiseConv1d : Module
{
    public PointwiseConv1d(int inChannels, int outChannels, Generator generator)
    {
        if (inChannels <= 0 || outChannels <= 0)
            throw new ArgumentException($"PointwiseConv1d: in_channels ({inChannels}) and out_channels ({outChannels}) must be positive");
        InChannels = inChannels;
        OutChannels = outChannels;
        Weight = RegisterParameter("weight", Tensor.Zeros(outChannels, inChannels, 1));
        Bias = RegisterParameter("bias", Tensor.Zeros(outChannels));
        Initializers.DefaultLayerInit(Weight, Bias, generator);
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public Tensor Weight { get; }
    public Tensor Bias { get; }

    // input [batch, length, in_channels] -> [batch, length, out_channels]
    public Tensor Forward(Tensor input) => Ops.Linear(input, Ops.Reshape(Weight, OutChannels, InChannels), Bias);
}
