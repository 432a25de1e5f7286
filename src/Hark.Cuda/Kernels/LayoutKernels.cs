namespace Hark.Cuda.Kernels;

/// <summary>Data movement, one thread per element written: permutation, box copies, broadcasting and its adjoint.</summary>
public static class LayoutKernels
{
    // output (+)= input permuted: inputStrides[d] is the input stride of the axis that becomes output axis d
    public static void Permute(Index1D i, ArrayView<float> input, ArrayView<float> output, Dims outputShape, Dims inputStrides, int accumulate)
    {
        float value = input[Dims.Offset(i, outputShape, inputStrides)];
        output[i] = accumulate != 0 ? output[i] + value : value;
    }

    // the box of size extent: source element at sourceBase + index . sourceStrides, destination likewise
    public static void CopyRegion(Index1D i, ArrayView<float> source, ArrayView<float> destination, Dims extent,
        Dims sourceStrides, int sourceBase, Dims destinationStrides, int destinationBase, int accumulate)
    {
        float value = source[sourceBase + Dims.Offset(i, extent, sourceStrides)];
        int to = destinationBase + Dims.Offset(i, extent, destinationStrides);
        destination[to] = accumulate != 0 ? destination[to] + value : value;
    }

    // output (+)= scale * input read through broadcast strides of output's shape
    public static void BroadcastTo(Index1D i, ArrayView<float> input, ArrayView<float> output, Dims outputShape, Dims inputStrides, float scale, int accumulate)
    {
        float value = scale * input[Dims.Offset(i, outputShape, inputStrides)];
        output[i] = accumulate != 0 ? output[i] + value : value;
    }

    // one thread per output element: output (+)= scale * the sum of the input elements that broadcast to it. Its first
    // input element is at Offset(i, outputShape, keptStrides); the others step through the reduced axes.
    public static void SumTo(Index1D i, ArrayView<float> input, ArrayView<float> output, Dims outputShape, Dims keptStrides,
        Dims reducedShape, Dims reducedStrides, int reducedCount, float scale, int accumulate)
    {
        int start = Dims.Offset(i, outputShape, keptStrides);
        float sum = 0;
        for (int r = 0; r < reducedCount; r++) sum += input[start + Dims.Offset(r, reducedShape, reducedStrides)];
        output[i] = accumulate != 0 ? output[i] + scale * sum : scale * sum;
    }
}
