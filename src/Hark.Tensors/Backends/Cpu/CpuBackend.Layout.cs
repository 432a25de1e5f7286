using System.Numerics.Tensors;

namespace Hark.Tensors.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void Permute(Tensor input, Tensor output, int[] dims, bool accumulate)
    {
        var inputStrides = StridedRows.ContiguousStrides(input.Shape);
        var gather = dims.Select(d => inputStrides[d]).ToArray();
        var rows = new StridedRows(output.Shape, gather, StridedRows.ContiguousStrides(output.Shape));
        CopyRows(input.CpuData, output.CpuData, rows, accumulate);
    }

    public void CopyRegion(Tensor source, int[] sourceStart, Tensor destination, int[] destinationStart, int[] extent, bool accumulate)
    {
        if (extent.Contains(0)) return;
        var sourceStrides = StridedRows.ContiguousStrides(source.Shape);
        var destinationStrides = StridedRows.ContiguousStrides(destination.Shape);
        int sourceBase = 0, destinationBase = 0;
        for (int d = 0; d < extent.Length; d++)
        {
            sourceBase += sourceStart[d] * sourceStrides[d];
            destinationBase += destinationStart[d] * destinationStrides[d];
        }
        var rows = new StridedRows(extent, sourceStrides, destinationStrides);
        CopyRows(source.CpuData.AsSpan(sourceBase), destination.CpuData.AsSpan(destinationBase), rows, accumulate);
    }

    /// <summary>Operand 0 of <paramref name="rows"/> is read, operand 1 written (or added to); contiguous rows go through span copies.</summary>
    private static void CopyRows(ReadOnlySpan<float> source, Span<float> destination, StridedRows rows, bool accumulate)
    {
        int length = rows.RowLength, fromStride = rows.RowStride(0), toStride = rows.RowStride(1);
        var cursor = rows.Start();
        for (int r = 0; r < rows.RowCount; r++, cursor.Advance())
        {
            int from = cursor.Offset(0), to = cursor.Offset(1);
            if (fromStride == 1 && toStride == 1)
            {
                var row = source.Slice(from, length);
                var target = destination.Slice(to, length);
                if (accumulate) TensorPrimitives.Add(target, row, target);
                else row.CopyTo(target);
            }
            else if (accumulate)
                for (int i = 0; i < length; i++) destination[to + i * toStride] += source[from + i * fromStride];
            else
                for (int i = 0; i < length; i++) destination[to + i * toStride] = source[from + i * fromStride];
        }
    }
}
