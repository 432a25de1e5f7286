namespace Hark.Cuda;

public sealed partial class CudaBackend
{
    public void Permute(Tensor input, Tensor output, int[] dims, bool accumulate)
    {
        var inputStrides = Dims.Contiguous(input.Shape);
        var permuted = dims.Select(d => inputStrides[d]).ToArray();
        Launch(output.Numel, kernels.Load<ArrayView<float>, ArrayView<float>, Dims, Dims, int>(LayoutKernels.Permute),
            View(input), View(output), Dims.From(output.Shape), Dims.From(permuted), accumulate ? 1 : 0);
    }

    public void CopyRegion(Tensor source, int[] sourceStart, Tensor destination, int[] destinationStart, int[] extent, bool accumulate)
    {
        var sourceStrides = Dims.Contiguous(source.Shape);
        var destinationStrides = Dims.Contiguous(destination.Shape);
        int sourceBase = 0, destinationBase = 0, count = 1;
        for (int axis = 0; axis < extent.Length; axis++)
        {
            sourceBase += sourceStart[axis] * sourceStrides[axis];
            destinationBase += destinationStart[axis] * destinationStrides[axis];
            count *= extent[axis];
        }
        Launch(count, kernels.Load<ArrayView<float>, ArrayView<float>, Dims, Dims, int, Dims, int, int>(LayoutKernels.CopyRegion),
            View(source), View(destination), Dims.From(extent), sourceStrides, sourceBase, destinationStrides, destinationBase, accumulate ? 1 : 0);
    }

    public void BroadcastTo(Tensor input, Tensor output, float scale, bool accumulate) =>
        BroadcastTo(View(input), input.Shape, View(output), output.Shape, scale, accumulate);

    private void BroadcastTo(ArrayView<float> input, ReadOnlySpan<int> inputShape, ArrayView<float> output, ReadOnlySpan<int> outputShape, float scale, bool accumulate) =>
        Launch(Numel(outputShape), kernels.Load<ArrayView<float>, ArrayView<float>, Dims, Dims, float, int>(LayoutKernels.BroadcastTo),
            input, output, Dims.From(outputShape), Dims.Broadcast(inputShape, outputShape.Length), scale, accumulate ? 1 : 0);

    public void SumTo(Tensor input, Tensor output, float scale, bool accumulate) =>
        SumTo(View(input), input.Shape, View(output), output.Shape, scale, accumulate);

    private void SumTo(ArrayView<float> input, ReadOnlySpan<int> inputShape, ArrayView<float> output, ReadOnlySpan<int> outputShape, float scale, bool accumulate)
    {
        var inputStrides = Dims.Contiguous(inputShape);
        var kept = new int[inputShape.Length];
        List<int> reducedShape = [], reducedStrides = [];
        for (int axis = 0; axis < inputShape.Length; axis++)
        {
            if (outputShape[axis] == 1 && inputShape[axis] != 1)
            {
                reducedShape.Add(inputShape[axis]);
                reducedStrides.Add(inputStrides[axis]);
            }
            else kept[axis] = inputStrides[axis];
        }
        int outputCount = Numel(outputShape), reducedCount = outputCount == 0 ? 0 : Numel(inputShape) / outputCount;
        Launch(outputCount, kernels.Load<ArrayView<float>, ArrayView<float>, Dims, Dims, Dims, Dims, int, float, int>(LayoutKernels.SumTo),
            input, output, Dims.From(outputShape), Dims.From(kept), Dims.From(reducedShape.ToArray()), Dims.From(reducedStrides.ToArray()),
            reducedCount, scale, accumulate ? 1 : 0);
    }

    private static int Numel(ReadOnlySpan<int> shape)
    {
        int count = 1;
        foreach (int size in shape) count *= size;
        return count;
    }
}
