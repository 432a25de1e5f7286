using System.Numerics.Tensors;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// Unrolls one sample's input patches into a [channels * kH * kW, OH * OW] matrix so a convolution becomes one GEMM,
/// and folds such a matrix back (adding) for the input gradient. Rows run over (channel, ky, kx); columns over (oy, ox).
/// </summary>
internal static class Im2Col
{
    /// <summary>image [channels, H, W] -> columns [channels * kH * kW, OH * OW]; padding reads as zero.</summary>
    public static void Unfold(ReadOnlySpan<float> image, Span<float> columns, int channels, in Conv2dGeometry g)
    {
        int oh = g.OutHeight, ow = g.OutWidth, plane = g.InHeight * g.InWidth;
        int row = 0;
        for (int c = 0; c < channels; c++)
        {
            var channel = image.Slice(c * plane, plane);
            for (int ky = 0; ky < g.KernelHeight; ky++)
                for (int kx = 0; kx < g.KernelWidth; kx++, row++)
                {
                    var dst = columns.Slice(row * oh * ow, oh * ow);
                    var (x0, x1, ixStart) = ColumnRange(kx, g);
                    for (int oy = 0; oy < oh; oy++)
                    {
                        var line = dst.Slice(oy * ow, ow);
                        int iy = oy * g.StrideHeight - g.PaddingHeight + ky * g.DilationHeight;
                        if ((uint)iy >= (uint)g.InHeight || x0 >= x1)
                        {
                            line.Clear();
                            continue;
                        }
                        line[..x0].Clear();
                        line[x1..].Clear();
                        var src = channel.Slice(iy * g.InWidth);
                        if (g.StrideWidth == 1)
                            src.Slice(ixStart + x0, x1 - x0).CopyTo(line[x0..x1]);
                        else
                            for (int ox = x0; ox < x1; ox++) line[ox] = src[ixStart + ox * g.StrideWidth];
                    }
                }
        }
    }

    /// <summary>image[channels, H, W] += fold(columns), the adjoint of <see cref="Unfold"/>.</summary>
    public static void FoldAdd(ReadOnlySpan<float> columns, Span<float> image, int channels, in Conv2dGeometry g)
    {
        int oh = g.OutHeight, ow = g.OutWidth, plane = g.InHeight * g.InWidth;
        int row = 0;
        for (int c = 0; c < channels; c++)
        {
            var channel = image.Slice(c * plane, plane);
            for (int ky = 0; ky < g.KernelHeight; ky++)
                for (int kx = 0; kx < g.KernelWidth; kx++, row++)
                {
                    var src = columns.Slice(row * oh * ow, oh * ow);
                    var (x0, x1, ixStart) = ColumnRange(kx, g);
                    if (x0 >= x1) continue;
                    for (int oy = 0; oy < oh; oy++)
                    {
                        int iy = oy * g.StrideHeight - g.PaddingHeight + ky * g.DilationHeight;
                        if ((uint)iy >= (uint)g.InHeight) continue;
                        var line = src.Slice(oy * ow, ow);
                        var dst = channel.Slice(iy * g.InWidth);
                        if (g.StrideWidth == 1)
                        {
                            var target = dst.Slice(ixStart + x0, x1 - x0);
                            TensorPrimitives.Add(target, line[x0..x1], target);
                        }
                        else
                        {
                            for (int ox = x0; ox < x1; ox++) dst[ixStart + ox * g.StrideWidth] += line[ox];
                        }
                    }
                }
        }
    }

    /// <summary>Output columns [x0, x1) whose input column ixStart + ox * strideW lies inside the image, for kernel column kx.</summary>
    private static (int X0, int X1, int IxStart) ColumnRange(int kx, in Conv2dGeometry g)
    {
        int ixStart = kx * g.DilationWidth - g.PaddingWidth;
        int x0 = ixStart >= 0 ? 0 : (-ixStart + g.StrideWidth - 1) / g.StrideWidth;
        int last = g.InWidth - 1 - ixStart; // ox * strideW <= last
        int x1 = last < 0 ? 0 : Math.Min(g.OutWidth, last / g.StrideWidth + 1);
        return (Math.Min(x0, g.OutWidth), x1, ixStart);
    }
}
