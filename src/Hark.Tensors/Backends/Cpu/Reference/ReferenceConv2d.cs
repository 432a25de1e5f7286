using System.Numerics;

namespace Hark.Tensors.Backends.Cpu.Reference;

/// <summary>
/// Convolution straight from its definition (no im2col), forward and backward, generic in the element type.
/// input [N, Cin, H, W], weight [Cout, Cin/groups, kH, kW], output [N, Cout, OH, OW]; see torch.nn.functional.conv2d.
/// </summary>
internal static class ReferenceConv2d
{
    public static void Forward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output, in Conv2dGeometry g)
        where T : IFloatingPointIeee754<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth, cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup;
        for (int n = 0; n < g.Batch; n++)
            for (int co = 0; co < g.OutChannels; co++)
            {
                int group = co / coutG;
                for (int y = 0; y < oh; y++)
                    for (int x = 0; x < ow; x++)
                    {
                        T sum = bias.IsEmpty ? T.Zero : bias[co];
                        for (int ci = 0; ci < cinG; ci++)
                            for (int ky = 0; ky < g.KernelHeight; ky++)
                                for (int kx = 0; kx < g.KernelWidth; kx++)
                                {
                                    int iy = y * g.StrideHeight - g.PaddingHeight + ky * g.DilationHeight;
                                    int ix = x * g.StrideWidth - g.PaddingWidth + kx * g.DilationWidth;
                                    if (iy < 0 || iy >= g.InHeight || ix < 0 || ix >= g.InWidth) continue;
                                    int c = group * cinG + ci;
                                    sum += input[((n * g.InChannels + c) * g.InHeight + iy) * g.InWidth + ix]
                                        * weight[((co * cinG + ci) * g.KernelHeight + ky) * g.KernelWidth + kx];
                                }
                        output[((n * g.OutChannels + co) * oh + y) * ow + x] = sum;
                    }
            }
    }

    /// <summary>Adds the gradients into dInput, dWeight, dBias; pass an empty span to skip one.</summary>
    public static void Backward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> dOutput,
        Span<T> dInput, Span<T> dWeight, Span<T> dBias, in Conv2dGeometry g)
        where T : IFloatingPointIeee754<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth, cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup;
        for (int n = 0; n < g.Batch; n++)
            for (int co = 0; co < g.OutChannels; co++)
            {
                int group = co / coutG;
                for (int y = 0; y < oh; y++)
                    for (int x = 0; x < ow; x++)
                    {
                        T d = dOutput[((n * g.OutChannels + co) * oh + y) * ow + x];
                        if (!dBias.IsEmpty) dBias[co] += d;
                        for (int ci = 0; ci < cinG; ci++)
                            for (int ky = 0; ky < g.KernelHeight; ky++)
                                for (int kx = 0; kx < g.KernelWidth; kx++)
                                {
                                    int iy = y * g.StrideHeight - g.PaddingHeight + ky * g.DilationHeight;
                                    int ix = x * g.StrideWidth - g.PaddingWidth + kx * g.DilationWidth;
                                    if (iy < 0 || iy >= g.InHeight || ix < 0 || ix >= g.InWidth) continue;
                                    int inputIndex = ((n * g.InChannels + group * cinG + ci) * g.InHeight + iy) * g.InWidth + ix;
                                    int weightIndex = ((co * cinG + ci) * g.KernelHeight + ky) * g.KernelWidth + kx;
                                    if (!dInput.IsEmpty) dInput[inputIndex] += d * weight[weightIndex];
                                    if (!dWeight.IsEmpty) dWeight[weightIndex] += d * input[inputIndex];
                                }
                    }
            }
    }
}
