using System.Numerics.Tensors;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// Depthwise convolution (groups = in = out channels: one kH x kW filter per channel, EfficientNet's MBConv) computed
/// directly, one kernel tap at a time over whole output rows: im2col + GEMM would multiply a 1 x (kH kW) filter by a
/// (kH kW) x spatial matrix per channel, paying the unfold for almost no arithmetic. With stride 1 each tap is one
/// vector multiply-add of a shifted input row; other strides walk the row in scalar steps. Identical in result to
/// <see cref="Reference.ReferenceConv2d"/> up to summation order.
/// input [batch, channels, H, W], weight [channels, 1, kH, kW], bias [channels], output [batch, channels, OH, OW].
/// </summary>
internal static class DepthwiseConv2d
{
    /// <summary>output = depthwise conv2d(input, weight) + bias; planes (sample, channel) split over the cores.</summary>
    public static void Forward(float[] input, float[] weight, float[]? bias, float[] output, Conv2dGeometry g)
    {
        int inPlane = g.InHeight * g.InWidth, outPlane = g.OutHeight * g.OutWidth, taps = g.KernelHeight * g.KernelWidth;
        Parallelism.For(g.Batch * g.InChannels, (long)outPlane * taps, (start, end) =>
        {
            for (int plane = start; plane < end; plane++)
            {
                int channel = plane % g.InChannels;
                var x = input.AsSpan(plane * inPlane, inPlane);
                var y = output.AsSpan(plane * outPlane, outPlane);
                y.Fill(bias is null ? 0f : bias[channel]);
                var w = weight.AsSpan(channel * taps, taps);
                for (int oy = 0; oy < g.OutHeight; oy++)
                {
                    var yRow = y.Slice(oy * g.OutWidth, g.OutWidth);
                    for (int ky = 0; ky < g.KernelHeight; ky++)
                    {
                        int iy = oy * g.StrideHeight - g.PaddingHeight + ky * g.DilationHeight;
                        if (iy < 0 || iy >= g.InHeight) continue;
                        var xRow = x.Slice(iy * g.InWidth, g.InWidth);
                        for (int kx = 0; kx < g.KernelWidth; kx++)
                        {
                            var (first, count, inputStart) = Columns(g, kx);
                            if (count <= 0) continue;
                            float tap = w[ky * g.KernelWidth + kx];
                            if (g.StrideWidth == 1)
                            {
                                var target = yRow.Slice(first, count);
                                TensorPrimitives.MultiplyAdd(xRow.Slice(inputStart, count), tap, target, target);
                            }
                            else
                            {
                                for (int i = 0; i < count; i++) yRow[first + i] += tap * xRow[inputStart + i * g.StrideWidth];
                            }
                        }
                    }
                }
            }
        });
    }

    /// <summary>
    /// Adds the gradients into dInput, dWeight, dBias (null = not wanted; dInput overwritten instead when not
    /// <paramref name="accumulateInput"/>). Channels are split over the cores, each worker owning its channels' slices
    /// of every gradient, so the sums run in a fixed order whatever the thread count.
    /// </summary>
    public static void Backward(float[] input, float[] weight, float[] dOutput, float[]? dInput, bool accumulateInput, float[]? dWeight, float[]? dBias,
        Conv2dGeometry g)
    {
        int inPlane = g.InHeight * g.InWidth, outPlane = g.OutHeight * g.OutWidth, taps = g.KernelHeight * g.KernelWidth;
        Parallelism.For(g.InChannels, 2L * g.Batch * outPlane * taps, (start, end) =>
        {
            for (int channel = start; channel < end; channel++)
            {
                var w = weight.AsSpan(channel * taps, taps);
                var dw = dWeight is null ? default : dWeight.AsSpan(channel * taps, taps);
                for (int n = 0; n < g.Batch; n++)
                {
                    int plane = n * g.InChannels + channel;
                    var x = input.AsSpan(plane * inPlane, inPlane);
                    var dy = dOutput.AsSpan(plane * outPlane, outPlane);
                    var dx = dInput is null ? default : dInput.AsSpan(plane * inPlane, inPlane);
                    if (dInput is not null && !accumulateInput) dx.Clear();
                    if (dBias is not null) dBias[channel] += TensorPrimitives.Sum<float>(dy);
                    for (int oy = 0; oy < g.OutHeight; oy++)
                    {
                        var dyRow = dy.Slice(oy * g.OutWidth, g.OutWidth);
                        for (int ky = 0; ky < g.KernelHeight; ky++)
                        {
                            int iy = oy * g.StrideHeight - g.PaddingHeight + ky * g.DilationHeight;
                            if (iy < 0 || iy >= g.InHeight) continue;
                            for (int kx = 0; kx < g.KernelWidth; kx++)
                            {
                                var (first, count, inputStart) = Columns(g, kx);
                                if (count <= 0) continue;
                                int tap = ky * g.KernelWidth + kx;
                                var source = dyRow.Slice(first, count);
                                if (g.StrideWidth == 1)
                                {
                                    if (dWeight is not null) dw[tap] += TensorPrimitives.Dot(source, x.Slice(iy * g.InWidth + inputStart, count));
                                    if (dInput is not null)
                                    {
                                        var target = dx.Slice(iy * g.InWidth + inputStart, count);
                                        TensorPrimitives.MultiplyAdd(source, w[tap], target, target);
                                    }
                                }
                                else
                                {
                                    var xRow = x.Slice(iy * g.InWidth, g.InWidth);
                                    float sum = 0f;
                                    for (int i = 0; i < count; i++)
                                    {
                                        int ix = inputStart + i * g.StrideWidth;
                                        sum += source[i] * xRow[ix];
                                        if (dInput is not null) dx[iy * g.InWidth + ix] += source[i] * w[tap];
                                    }
                                    if (dWeight is not null) dw[tap] += sum;
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    /// <summary>
    /// The output columns that tap <paramref name="kx"/> reads inside the input (the rest fall in the padding): the first
    /// one, how many, and the input column of the first.
    /// </summary>
    private static (int First, int Count, int InputStart) Columns(in Conv2dGeometry g, int kx)
    {
        int offset = kx * g.DilationWidth - g.PaddingWidth; // input column of output column 0
        int first = offset >= 0 ? 0 : (-offset + g.StrideWidth - 1) / g.StrideWidth;
        int last = Math.Min(g.OutWidth - 1, (g.InWidth - 1 - offset) / g.StrideWidth);
        if (g.InWidth - 1 - offset < 0) return (0, 0, 0);
        return (first, last - first + 1, first * g.StrideWidth + offset);
    }
}
