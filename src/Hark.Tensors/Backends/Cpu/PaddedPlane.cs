using System.Numerics;
using System.Numerics.Tensors;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// The scratch layout of one input plane for <see cref="DepthwiseConv2d"/>: the plane with its zero padding, each row
/// split into StrideWidth phases (padded column c stored in phase c % stride at position c / stride), so output column
/// ox of tap kx reads padded column stride ox + dilation kx at phase (dilation kx) % stride, position
/// ox + (dilation kx) / stride: consecutive output columns read consecutive floats at any stride. Each phase holds the
/// output width rounded up to whole vectors, so the last vector of a row reads zeros or its own row, never past the buffer.
/// </summary>
internal sealed class PaddedPlane
{
    private readonly Conv2dGeometry g;
    private readonly int rows, phase, rowLength;

    public PaddedPlane(Conv2dGeometry geometry)
    {
        g = geometry;
        int lanes = Vector<float>.Count;
        OutWidth = (g.OutWidth + lanes - 1) / lanes * lanes;
        rows = (g.OutHeight - 1) * g.StrideHeight + (g.KernelHeight - 1) * g.DilationHeight + 1;
        phase = OutWidth + (g.KernelWidth - 1) * g.DilationWidth / g.StrideWidth;
        rowLength = g.StrideWidth * phase;
        OutputRowStep = g.StrideHeight * rowLength;
        Length = rows * rowLength;
        TapOffsets = new int[g.KernelHeight * g.KernelWidth];
        for (int ky = 0; ky < g.KernelHeight; ky++)
            for (int kx = 0; kx < g.KernelWidth; kx++)
            {
                int column = kx * g.DilationWidth;
                TapOffsets[ky * g.KernelWidth + kx] = ky * g.DilationHeight * rowLength + column % g.StrideWidth * phase + column / g.StrideWidth;
            }
    }

    /// <summary>Floats in the scratch.</summary>
    public int Length { get; }

    /// <summary>The output width rounded up to whole vectors: the columns a row of vectors covers.</summary>
    public int OutWidth { get; }

    /// <summary>The scratch offset between the first taps of consecutive output rows.</summary>
    public int OutputRowStep { get; }

    /// <summary>Per tap (ky kW + kx), the scratch offset of output (0, 0)'s input.</summary>
    public int[] TapOffsets { get; }

    /// <summary>Writes <paramref name="plane"/> [H, W] into <paramref name="padded"/>, zeros around it; input no output reads is left out.</summary>
    public void Fill(ReadOnlySpan<float> plane, float[] padded)
    {
        padded.AsSpan(0, Length).Clear();
        for (int iy = 0; iy < g.InHeight && iy + g.PaddingHeight < rows; iy++)
        {
            var source = plane.Slice(iy * g.InWidth, g.InWidth);
            var target = padded.AsSpan((iy + g.PaddingHeight) * rowLength, rowLength);
            if (g.StrideWidth == 1)
            {
                int count = Math.Min(g.InWidth, phase - g.PaddingWidth);
                if (count > 0) source[..count].CopyTo(target[g.PaddingWidth..]);
                continue;
            }
            for (int ix = 0; ix < g.InWidth; ix++)
            {
                int column = ix + g.PaddingWidth, position = column / g.StrideWidth;
                if (position < phase) target[column % g.StrideWidth * phase + position] = source[ix];
            }
        }
    }

    /// <summary>The inverse of <see cref="Fill"/> for a gradient: adds (or writes) each input element's scratch value into <paramref name="plane"/>; elements no output reads get 0.</summary>
    public void Unfill(float[] padded, Span<float> plane, bool accumulate)
    {
        for (int iy = 0; iy < g.InHeight; iy++)
        {
            var target = plane.Slice(iy * g.InWidth, g.InWidth);
            int row = iy + g.PaddingHeight;
            if (g.StrideWidth == 1 && row < rows && g.PaddingWidth + g.InWidth <= phase)
            {
                var source = padded.AsSpan(row * rowLength + g.PaddingWidth, g.InWidth);
                if (accumulate) TensorPrimitives.Add(target, source, target);
                else source.CopyTo(target);
                continue;
            }
            for (int ix = 0; ix < g.InWidth; ix++)
            {
                int column = ix + g.PaddingWidth, position = column / g.StrideWidth;
                float value = row < rows && position < phase ? padded[row * rowLength + column % g.StrideWidth * phase + position] : 0f;
                target[ix] = accumulate ? target[ix] + value : value;
            }
        }
    }
}
