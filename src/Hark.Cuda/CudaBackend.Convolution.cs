namespace Hark.Cuda;

public sealed partial class CudaBackend
{
    /// <summary>The most elements an im2col buffer may hold; larger batches are convolved a chunk of images at a time.</summary>
    private const long ColumnBudget = 64L << 20;

    // input [N, Cin, H, W] -> columns [chunk, Cin*kh*kw, OH*OW]; per group g: output[n, g] = weight[g] x columns[n, g]
    public void Conv2dForward(Tensor input, Tensor weight, Tensor? bias, Tensor output, in Conv2dGeometry g, float? activationSlope)
    {
        var shape = ConvShape.From(g);
        int positions = g.OutHeight * g.OutWidth, rows = g.InChannels * g.KernelHeight * g.KernelWidth;
        foreach (var (first, count) in Chunks(g.Batch, (long)rows * positions))
        {
            using var columns = Temporary(count * rows * positions);
            Launch(count * rows * positions, kernels.Load<ArrayView<float>, ArrayView<float>, ConvShape, int>(ConvolutionKernels.Im2Col),
                View(input), columns.View, shape, first);
            for (int group = 0; group < g.Groups; group++)
                Gemm(new GemmDescriptor(false, false, g.OutChannelsPerGroup, positions, g.PatchSize, count,
                        StrideA: 0, StrideB: (long)rows * positions, StrideC: (long)g.OutChannels * positions,
                        OffsetA: (long)group * g.OutChannelsPerGroup * g.PatchSize, OffsetB: (long)group * g.PatchSize * positions,
                        OffsetC: ((long)first * g.OutChannels + group * g.OutChannelsPerGroup) * positions),
                    View(weight), columns.View, View(output));
        }
        if (bias is not null) BroadcastTo(View(bias), [1, g.OutChannels, 1], View(output), [g.Batch, g.OutChannels, positions], 1f, accumulate: true);
        if (activationSlope is float negativeSlope) Unary(UnaryOp.LeakyRelu, output, output, negativeSlope);
    }

    public void Conv2dActivationMaxPoolForward(Tensor input, Tensor weight, Tensor? bias, Tensor output, in Conv2dGeometry g, float activationSlope) =>
        ComposedKernels.Conv2dActivationMaxPoolForward(this, input, weight, bias, output, g, activationSlope);

    public void Conv2dBackward(Tensor input, Tensor weight, Tensor dOutput, Tensor? dInput, bool accumulateInput, Tensor? dWeight, Tensor? dBias, in Conv2dGeometry g)
    {
        var shape = ConvShape.From(g);
        int positions = g.OutHeight * g.OutWidth, rows = g.InChannels * g.KernelHeight * g.KernelWidth;
        if (dBias is not null) SumTo(View(dOutput), [g.Batch, g.OutChannels, positions], View(dBias), [1, g.OutChannels, 1], 1f, accumulate: true);
        foreach (var (first, count) in Chunks(g.Batch, (long)rows * positions))
        {
            using var columns = Temporary(count * rows * positions);
            if (dWeight is not null)
            {
                Launch(count * rows * positions, kernels.Load<ArrayView<float>, ArrayView<float>, ConvShape, int>(ConvolutionKernels.Im2Col),
                    View(input), columns.View, shape, first);
                // dWeight[g] += dOutput[n, g] x columns[n, g]^T, image by image
                for (int image = 0; image < count; image++)
                    for (int group = 0; group < g.Groups; group++)
                        Gemm(new GemmDescriptor(false, true, g.OutChannelsPerGroup, g.PatchSize, positions,
                                OffsetA: ((long)(first + image) * g.OutChannels + group * g.OutChannelsPerGroup) * positions,
                                OffsetB: (long)image * rows * positions + (long)group * g.PatchSize * positions,
                                OffsetC: (long)group * g.OutChannelsPerGroup * g.PatchSize, Accumulate: true),
                            View(dOutput), columns.View, View(dWeight));
            }
            if (dInput is null) continue;
            // columns[n, g] = weight[g]^T x dOutput[n, g], then gathered back onto the input positions
            for (int group = 0; group < g.Groups; group++)
                Gemm(new GemmDescriptor(true, false, g.PatchSize, positions, g.OutChannelsPerGroup, count,
                        StrideA: 0, StrideB: (long)g.OutChannels * positions, StrideC: (long)rows * positions,
                        OffsetA: (long)group * g.OutChannelsPerGroup * g.PatchSize,
                        OffsetB: ((long)first * g.OutChannels + group * g.OutChannelsPerGroup) * positions,
                        OffsetC: (long)group * g.PatchSize * positions),
                    View(weight), View(dOutput), columns.View);
            Launch(count * g.InChannels * g.InHeight * g.InWidth, kernels.Load<ArrayView<float>, ArrayView<float>, ConvShape, int, int>(ConvolutionKernels.Col2Im),
                columns.View, View(dInput), shape, first, accumulateInput ? 1 : 0);
        }
    }

    /// <summary>Runs of images whose column matrices fit <see cref="ColumnBudget"/> (at least one image each).</summary>
    private static IEnumerable<(int First, int Count)> Chunks(int batch, long perImage)
    {
        int size = (int)Math.Clamp(ColumnBudget / Math.Max(perImage, 1), 1, Math.Max(batch, 1));
        for (int first = 0; first < batch; first += size) yield return (first, Math.Min(size, batch - first));
    }
}
