using System.Numerics.Tensors;

namespace Hark.Tensors.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void SumTo(Tensor input, Tensor output, float scale, bool accumulate)
    {
        var x = input.CpuData;
        var y = output.CpuData;
        if (!accumulate) y.AsSpan(0, output.Numel).Clear();
        var rows = new StridedRows(input.Shape, StridedRows.ContiguousStrides(input.Shape), StridedRows.BroadcastStrides(output.Shape, output.Rank));
        int length = rows.RowLength;
        bool reduceRow = rows.RowStride(1) == 0;
        // rows may run on separate cores only when no two of them add into the same output element
        bool rowsWriteApart = rows.Strides[1][..^1].All(stride => stride != 0);
        Action<int, int> sumRows = (first, count) =>
        {
            var cursor = rows.Start(first);
            for (int r = 0; r < count; r++, cursor.Advance())
            {
                var row = x.AsSpan(cursor.Offset(0), length);
                if (reduceRow)
                    y[cursor.Offset(1)] += scale * TensorPrimitives.Sum(row);
                else
                {
                    var destination = y.AsSpan(cursor.Offset(1), length);
                    if (scale == 1f) TensorPrimitives.Add(destination, row, destination);
                    else TensorPrimitives.MultiplyAdd(row, scale, destination, destination);
                }
            }
        };
        if (rowsWriteApart) Parallelism.ForRows(rows.RowCount, length, sumRows);
        else sumRows(0, rows.RowCount);
    }

    public void BroadcastTo(Tensor input, Tensor output, float scale, bool accumulate)
    {
        var x = input.CpuData;
        var y = output.CpuData;
        var rows = new StridedRows(output.Shape, StridedRows.BroadcastStrides(input.Shape, output.Rank), StridedRows.ContiguousStrides(output.Shape));
        int length = rows.RowLength;
        bool constantRow = rows.RowStride(0) == 0;
        Parallelism.ForRows(rows.RowCount, length, (first, count) =>
        {
            var cursor = rows.Start(first);
            for (int r = 0; r < count; r++, cursor.Advance())
            {
                var destination = y.AsSpan(cursor.Offset(1), length);
                if (constantRow)
                {
                    float value = scale * x[cursor.Offset(0)];
                    if (accumulate) TensorPrimitives.Add(destination, value, destination);
                    else destination.Fill(value);
                }
                else
                {
                    var row = x.AsSpan(cursor.Offset(0), length);
                    if (accumulate) TensorPrimitives.MultiplyAdd(row, scale, destination, destination);
                    else TensorPrimitives.Multiply(row, scale, destination);
                }
            }
        });
    }

    public void MaxAlongAxis(Tensor input, Tensor values, int outer, int length, int inner)
    {
        var x = input.CpuData;
        var v = values.CpuData;
        for (int o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                v[o] = TensorPrimitives.Max(x.AsSpan(o * length, length));
                continue;
            }
            var destination = v.AsSpan(o * inner, inner);
            x.AsSpan(o * length * inner, inner).CopyTo(destination);
            for (int l = 1; l < length; l++)
                TensorPrimitives.Max(destination, x.AsSpan((o * length + l) * inner, inner), destination);
        }
    }

    public void MaxAlongAxisBackward(Tensor input, Tensor values, Tensor dValues, Tensor dInput, int outer, int length, int inner)
    {
        var x = input.CpuData;
        var v = values.CpuData;
        var dv = dValues.CpuData;
        var dx = dInput.CpuData;
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < inner; k++)
            {
                float max = v[o * inner + k];
                for (int l = 0; l < length; l++)
                {
                    int at = (o * length + l) * inner + k;
                    if (x[at] == max || (float.IsNaN(max) && float.IsNaN(x[at])))
                    {
                        dx[at] += dv[o * inner + k];
                        break;
                    }
                }
            }
    }
}
