namespace Hark.Tensors.Backends.Cpu;

/// <summary>Pooling over [planes, H, W], planes split over the cores.</summary>
public sealed partial class CpuBackend
{
    public void MaxPool2dForward(Tensor input, Tensor output, PoolWindows windows)
    {
        float[] x = input.CpuData, y = output.CpuData;
        var (planes, height, width) = Planes(input);
        int outPlane = windows.OutHeight * windows.OutWidth;
        Parallelism.For(planes, height * width, (start, end) =>
        {
            for (int p = start; p < end; p++)
            {
                var image = x.AsSpan(p * height * width, height * width);
                var pooled = y.AsSpan(p * outPlane, outPlane);
                for (int i = 0; i < windows.OutHeight; i++)
                    for (int j = 0; j < windows.OutWidth; j++)
                        pooled[i * windows.OutWidth + j] = image[ArgMax(image, width, windows, i, j)];
            }
        });
    }

    public void MaxPool2dBackward(Tensor input, Tensor dOutput, Tensor dInput, PoolWindows windows)
    {
        float[] x = input.CpuData, dy = dOutput.CpuData, dx = dInput.CpuData;
        var (planes, height, width) = Planes(input);
        int outPlane = windows.OutHeight * windows.OutWidth;
        Parallelism.For(planes, height * width, (start, end) =>
        {
            for (int p = start; p < end; p++)
            {
                var image = x.AsSpan(p * height * width, height * width);
                var dImage = dx.AsSpan(p * height * width, height * width);
                var dPooled = dy.AsSpan(p * outPlane, outPlane);
                for (int i = 0; i < windows.OutHeight; i++)
                    for (int j = 0; j < windows.OutWidth; j++)
                        dImage[ArgMax(image, width, windows, i, j)] += dPooled[i * windows.OutWidth + j];
            }
        });
    }

    public void AvgPool2dForward(Tensor input, Tensor output, PoolWindows windows)
    {
        float[] x = input.CpuData, y = output.CpuData;
        var (planes, height, width) = Planes(input);
        int outPlane = windows.OutHeight * windows.OutWidth;
        Parallelism.For(planes, height * width, (start, end) =>
        {
            for (int p = start; p < end; p++)
            {
                var image = x.AsSpan(p * height * width, height * width);
                var pooled = y.AsSpan(p * outPlane, outPlane);
                for (int i = 0; i < windows.OutHeight; i++)
                    for (int j = 0; j < windows.OutWidth; j++)
                    {
                        float sum = 0f;
                        for (int r = windows.RowStart[i]; r < windows.RowEnd[i]; r++)
                        {
                            var row = image.Slice(r * width);
                            for (int c = windows.ColumnStart[j]; c < windows.ColumnEnd[j]; c++) sum += row[c];
                        }
                        pooled[i * windows.OutWidth + j] = sum / (windows.RowDivisor[i] * windows.ColumnDivisor[j]);
                    }
            }
        });
    }

    public void AvgPool2dBackward(Tensor dOutput, Tensor dInput, PoolWindows windows)
    {
        float[] dy = dOutput.CpuData, dx = dInput.CpuData;
        var (planes, height, width) = Planes(dInput);
        int outPlane = windows.OutHeight * windows.OutWidth;
        Parallelism.For(planes, height * width, (start, end) =>
        {
            for (int p = start; p < end; p++)
            {
                var dImage = dx.AsSpan(p * height * width, height * width);
                var dPooled = dy.AsSpan(p * outPlane, outPlane);
                for (int i = 0; i < windows.OutHeight; i++)
                    for (int j = 0; j < windows.OutWidth; j++)
                    {
                        float share = dPooled[i * windows.OutWidth + j] / (windows.RowDivisor[i] * windows.ColumnDivisor[j]);
                        for (int r = windows.RowStart[i]; r < windows.RowEnd[i]; r++)
                        {
                            var row = dImage.Slice(r * width);
                            for (int c = windows.ColumnStart[j]; c < windows.ColumnEnd[j]; c++) row[c] += share;
                        }
                    }
            }
        });
    }

    /// <summary>[..., H, W] viewed as planes of H x W.</summary>
    private static (int Planes, int Height, int Width) Planes(Tensor t)
    {
        int height = t.Shape[^2], width = t.Shape[^1];
        return (height * width == 0 ? 0 : t.Numel / (height * width), height, width);
    }

    /// <summary>Index in the plane of window (i, j)'s first maximum; a NaN wins as in PyTorch.</summary>
    private static int ArgMax(ReadOnlySpan<float> image, int width, PoolWindows windows, int i, int j)
    {
        int best = windows.RowStart[i] * width + windows.ColumnStart[j];
        float bestValue = image[best];
        for (int r = windows.RowStart[i]; r < windows.RowEnd[i]; r++)
            for (int c = windows.ColumnStart[j]; c < windows.ColumnEnd[j]; c++)
            {
                float v = image[r * width + c];
                if (v > bestValue || float.IsNaN(v))
                {
                    best = r * width + c;
                    bestValue = v;
                    if (float.IsNaN(v)) return best;
                }
            }
        return best;
    }
}
