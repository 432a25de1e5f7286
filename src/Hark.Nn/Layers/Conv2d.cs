using Hark.Tensors;

namespace Hark.Nn;

/// <summary>
/// torch.nn.Conv2d: weight [out_channels, in_channels / groups, kH, kW] and bias [out_channels], initialised as
/// torch's reset_parameters does (kaiming_uniform a=sqrt(5), bias U(±1/sqrt(fan_in))).
/// </summary>
public sealed class Conv2d : Layer
{
    public Conv2d(int inChannels, int outChannels, (int Height, int Width) kernelSize, Generator generator, (int Height, int Width)? stride = null,
        (int Height, int Width)? padding = null, (int Height, int Width)? dilation = null, int groups = 1, bool bias = true)
    {
        if (inChannels <= 0 || outChannels <= 0 || groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"Conv2d: in_channels ({inChannels}) and out_channels ({outChannels}) must be positive and divisible by groups ({groups})");
        if (kernelSize.Height <= 0 || kernelSize.Width <= 0)
            throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, "Conv2d: kernel_size must be positive");
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride ?? (1, 1);
        Padding = padding ?? (0, 0);
        Dilation = dilation ?? (1, 1);
        Groups = groups;
        Weight = RegisterParameter("weight", Tensor.Zeros(outChannels, inChannels / groups, kernelSize.Height, kernelSize.Width));
        Bias = bias ? RegisterParameter("bias", Tensor.Zeros(outChannels)) : null;
        Initializers.DefaultLayerInit(Weight, Bias, generator);
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, Generator generator, int stride = 1, int padding = 0, int dilation = 1,
        int groups = 1, bool bias = true)
        : this(inChannels, outChannels, (kernelSize, kernelSize), generator, (stride, stride), (padding, padding), (dilation, dilation), groups, bias) { }

    public int InChannels { get; }
    public int OutChannels { get; }
    public (int Height, int Width) KernelSize { get; }
    public (int Height, int Width) Stride { get; }
    public (int Height, int Width) Padding { get; }
    public (int Height, int Width) Dilation { get; }
    public int Groups { get; }
    public Tensor Weight { get; }
    public Tensor? Bias { get; }

    // input [N, in_channels, H, W] -> [N, out_channels, OH, OW]
    public override Tensor Forward(Tensor input) => Ops.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);
}
