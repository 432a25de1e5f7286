namespace Hark.Tensors.Backends;

/// <summary>
/// The sizes of one 2-D convolution, as torch.nn.functional.conv2d sees them:
/// input [Batch, InChannels, InHeight, InWidth], weight [OutChannels, InChannels / Groups, KernelHeight, KernelWidth],
/// output [Batch, OutChannels, OutHeight, OutWidth].
/// </summary>
public readonly record struct Conv2dGeometry(
    int Batch, int InChannels, int InHeight, int InWidth,
    int OutChannels, int KernelHeight, int KernelWidth,
    int StrideHeight, int StrideWidth, int PaddingHeight, int PaddingWidth,
    int DilationHeight, int DilationWidth, int Groups)
{
    public int OutHeight => (InHeight + 2 * PaddingHeight - DilationHeight * (KernelHeight - 1) - 1) / StrideHeight + 1;
    public int OutWidth => (InWidth + 2 * PaddingWidth - DilationWidth * (KernelWidth - 1) - 1) / StrideWidth + 1;
    public int InChannelsPerGroup => InChannels / Groups;
    public int OutChannelsPerGroup => OutChannels / Groups;

    /// <summary>Rows of one group's im2col matrix: input channels per group x kernel positions.</summary>
    public int PatchSize => InChannelsPerGroup * KernelHeight * KernelWidth;

    public bool IsDepthwise => Groups == InChannels && Groups == OutChannels;

    /// <summary>A 1x1, stride-1, unpadded kernel: the input already is its im2col matrix.</summary>
    public bool IsPointwise => KernelHeight == 1 && KernelWidth == 1 && StrideHeight == 1 && StrideWidth == 1
        && PaddingHeight == 0 && PaddingWidth == 0;
}
