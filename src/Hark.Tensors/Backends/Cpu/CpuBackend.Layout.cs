using System.Numerics.Tensors;

namespace Hark.Tensors.Backends.Cpu;

public sealed partial class CpuBackend
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

    /// <summary>Operand 0 of <paramref name="rows"/> is read, operand 1 written (or added to); operand 1's rows are contiguous.</summary>
    private static void CopyRows(ReadOnlySpan<float> source, Span<float> destination, StridedRows rows, bool accumulate)
    {
        int length = rows.RowLength, stride = rows.RowStride(0);
        var cursor = rows.Start();
        for (int r = 0; r < rows.RowCount; r++, cursor.Advance())
        {
            var to = destination.Slice(cursor.Offset(1), length);
            int from = cursor.Offset(0);
            if (stride == 1)
            {
                var row = source.Slice(from, length);
                if (accumulate) TensorPrimitives.Add(to, row, to);
                else row.CopyTo(to);
            }
            else if (accumulate)
                for (int i = 0; i < length; i++) to[i] += source[from + i * stride];
            else
                for (int i = 0; i < length; i++) to[i] = source[from + i * stride];
        }
    }
}
