namespace Hark.Cuda.Kernels;

/// <summary>A <see cref="Conv2dGeometry"/> as a kernel argument, output sizes included.</summary>
public struct ConvShape
{
    public int InChannels, InHeight, InWidth, KernelHeight, KernelWidth;
    public int StrideHeight, StrideWidth, PaddingHeight, PaddingWidth, DilationHeight, DilationWidth, OutHeight, OutWidth;

    public static ConvShape From(in Conv2dGeometry g) => new()
    {
        InChannels = g.InChannels, InHeight = g.InHeight, InWidth = g.InWidth, KernelHeight = g.KernelHeight, KernelWidth = g.KernelWidth,
        StrideHeight = g.StrideHeight, StrideWidth = g.StrideWidth, PaddingHeight = g.PaddingHeight, PaddingWidth = g.PaddingWidth,
        DilationHeight = g.DilationHeight, DilationWidth = g.DilationWidth, OutHeight = g.OutHeight, OutWidth = g.OutWidth,
    };
}
