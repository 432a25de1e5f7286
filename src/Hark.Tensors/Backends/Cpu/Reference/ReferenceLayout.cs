using System.Numerics;

namespace Hark.Tensors.Backends.Cpu.Reference;

/// <summary>Plain data-movement kernels: permutation and box copies, one element at a time.</summary>
internal static class ReferenceLayout
{
    /// <summary>output (+)= input with output axis i taken from input axis dims[i].</summary>
    public static void Permute<T>(ReadOnlySpan<T> input, int[] inputShape, Span<T> output, int[] dims, bool accumulate)
        where T : IFloatingPointIeee754<T>
    {
        var outputShape = dims.Select(d => inputShape[d]).ToArray();
        var inputStrides = ReferenceShapes.Strides(inputShape);
        Span<int> index = stackalloc int[dims.Length];
        for (int i = 0; i < output.Length; i++)
        {
            ReferenceShapes.Unravel(i, outputShape, index);
            int from = 0;
            for (int d = 0; d < dims.Length; d++) from += index[d] * inputStrides[dims[d]];
            output[i] = accumulate ? output[i] + input[from] : input[from];
        }
    }

    /// <summary>Copies (or adds) the box of size extent from sourceStart in source to destinationStart in destination.</summary>
    public static void CopyRegion<T>(ReadOnlySpan<T> source, int[] sourceShape, int[] sourceStart,
        Span<T> destination, int[] destinationShape, int[] destinationStart, int[] extent, bool accumulate) where T : IFloatingPointIeee754<T>
    {
        var sourceStrides = ReferenceShapes.Strides(sourceShape);
        var destinationStrides = ReferenceShapes.Strides(destinationShape);
        Span<int> index = stackalloc int[extent.Length];
        int count = ReferenceShapes.Numel(extent);
        for (int i = 0; i < count; i++)
        {
            ReferenceShapes.Unravel(i, extent, index);
            int from = 0, to = 0;
            for (int d = 0; d < extent.Length; d++)
            {
                from += (index[d] + sourceStart[d]) * sourceStrides[d];
                to += (index[d] + destinationStart[d]) * destinationStrides[d];
            }
            destination[to] = accumulate ? destination[to] + source[from] : source[from];
        }
    }
}
