using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// Depthwise convolution (groups = in = out channels: one kH x kW filter per channel, EfficientNet's MBConv) computed
/// directly: im2col + GEMM would multiply a 1 x (kH kW) filter by a (kH kW) x spatial matrix per channel, paying the
/// unfold for almost no arithmetic. Each plane is first copied into a zero-padded scratch (<see cref="PaddedPlane"/>)
/// whose rows are split into stride phases, so every tap reads (or, for the input gradient, writes) contiguous vectors
/// of Vector&lt;float&gt; output columns at any stride, with no bounds checks and no edge cases in the inner loop: an
/// output vector keeps its sum over all taps in a register. Identical in result to
/// <see cref="Reference.ReferenceConv2d"/> up to summation order. Runs where oneDNN does not (HARK_FORCE_MANAGED=1, no
/// libdnnl.so.2, a refused primitive): oneDNN's depthwise kernels were faster on every efficientnet geometry measured.
/// input [batch, channels, H, W], weight [channels, 1, kH, kW], bias [channels], output [batch, channels, OH, OW].
/// </summary>
internal static class DepthwiseConv2d
{
    /// <summary>output = depthwise conv2d(input, weight) + bias; planes (sample, channel) split over the cores.</summary>
    public static void Forward(float[] input, float[] weight, float[]? bias, float[] output, Conv2dGeometry g)
    {
        var plane = new PaddedPlane(g);
        int inPlane = g.InHeight * g.InWidth, outPlane = g.OutHeight * g.OutWidth, taps = g.KernelHeight * g.KernelWidth, lanes = Vector<float>.Count;
        Parallelism.For(g.Batch * g.InChannels, (long)outPlane * taps, (start, end) =>
        {
            float[] padded = CpuStoragePool.Rent(plane.Length, zeroed: false), row = CpuStoragePool.Rent(plane.OutWidth, zeroed: false);
            ref float p = ref MemoryMarshal.GetArrayDataReference(padded);
            for (int index = start; index < end; index++)
            {
                int channel = index % g.InChannels;
                plane.Fill(input.AsSpan(index * inPlane, inPlane), padded);
                var w = weight.AsSpan(channel * taps, taps);
                var y = output.AsSpan(index * outPlane, outPlane);
                var start0 = new Vector<float>(bias is null ? 0f : bias[channel]);
                for (int oy = 0; oy < g.OutHeight; oy++)
                {
                    int rowStart = oy * plane.OutputRowStep;
                    for (int column = 0; column < plane.OutWidth; column += lanes)
                    {
                        var sum = start0;
                        for (int tap = 0; tap < taps; tap++)
                            sum += w[tap] * Vector.LoadUnsafe(ref p, (nuint)(rowStart + plane.TapOffsets[tap] + column));
                        sum.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(row), (nuint)column);
                    }
                    row.AsSpan(0, g.OutWidth).CopyTo(y.Slice(oy * g.OutWidth, g.OutWidth));
                }
            }
            CpuStoragePool.Return(row);
            CpuStoragePool.Return(padded);
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
        var plane = new PaddedPlane(g);
        int inPlane = g.InHeight * g.InWidth, outPlane = g.OutHeight * g.OutWidth, taps = g.KernelHeight * g.KernelWidth, lanes = Vector<float>.Count;
        Parallelism.For(g.InChannels, 2L * g.Batch * outPlane * taps, (start, end) =>
        {
            float[] padded = CpuStoragePool.Rent(plane.Length, zeroed: false), dPadded = CpuStoragePool.Rent(plane.Length, zeroed: false);
            float[] dyPadded = CpuStoragePool.Rent(g.OutHeight * plane.OutWidth, zeroed: true);
            var tapSums = new Vector<float>[taps];
            ref float p = ref MemoryMarshal.GetArrayDataReference(padded);
            ref float dp = ref MemoryMarshal.GetArrayDataReference(dPadded);
            ref float d = ref MemoryMarshal.GetArrayDataReference(dyPadded);
            for (int channel = start; channel < end; channel++)
            {
                var w = weight.AsSpan(channel * taps, taps);
                Array.Clear(tapSums);
                for (int n = 0; n < g.Batch; n++)
                {
                    int index = n * g.InChannels + channel;
                    var dy = dOutput.AsSpan(index * outPlane, outPlane);
                    if (dBias is not null) dBias[channel] += TensorPrimitives.Sum<float>(dy);
                    for (int oy = 0; oy < g.OutHeight; oy++) dy.Slice(oy * g.OutWidth, g.OutWidth).CopyTo(dyPadded.AsSpan(oy * plane.OutWidth));
                    if (dWeight is not null) plane.Fill(input.AsSpan(index * inPlane, inPlane), padded);
                    if (dInput is not null) dPadded.AsSpan(0, plane.Length).Clear();
                    for (int oy = 0; oy < g.OutHeight; oy++)
                    {
                        int rowStart = oy * plane.OutputRowStep;
                        for (int column = 0; column < plane.OutWidth; column += lanes)
                        {
                            // columns past OutWidth hold zeros in dyPadded, so they add nothing to either gradient
                            var gradient = Vector.LoadUnsafe(ref d, (nuint)(oy * plane.OutWidth + column));
                            for (int tap = 0; tap < taps; tap++)
                            {
                                var at = (nuint)(rowStart + plane.TapOffsets[tap] + column);
                                if (dWeight is not null) tapSums[tap] += gradient * Vector.LoadUnsafe(ref p, at);
                                if (dInput is not null) (Vector.LoadUnsafe(ref dp, at) + w[tap] * gradient).StoreUnsafe(ref dp, at);
                            }
                        }
                    }
                    if (dInput is not null) plane.Unfill(dPadded, dInput.AsSpan(index * inPlane, inPlane), accumulateInput);
                }
                if (dWeight is not null)
                    for (int tap = 0; tap < taps; tap++) dWeight[channel * taps + tap] += Vector.Sum(tapSums[tap]);
            }
            CpuStoragePool.Return(dyPadded);
            CpuStoragePool.Return(dPadded);
            CpuStoragePool.Return(padded);
        });
    }
}
