using System.Numerics;

namespace Hark.Tensors.Backends.Cpu.Reference;

/// <summary>Max and average pooling over [planes, H, W] by plain loops over each window; generic in the element type.</summary>
internal static class ReferencePool2d
{
    public static void MaxForward<T>(ReadOnlySpan<T> input, Span<T> output, int planes, int height, int width, PoolWindows w)
        where T : IFloatingPointIeee754<T>
    {
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < w.OutHeight; i++)
                for (int j = 0; j < w.OutWidth; j++)
                    output[(p * w.OutHeight + i) * w.OutWidth + j] = input[ArgMax(input, p, height, width, w, i, j)];
    }

    public static void MaxBackward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> dOutput, Span<T> dInput, int planes, int height, int width, PoolWindows w)
        where T : IFloatingPointIeee754<T>
    {
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < w.OutHeight; i++)
                for (int j = 0; j < w.OutWidth; j++)
                    dInput[ArgMax(input, p, height, width, w, i, j)] += dOutput[(p * w.OutHeight + i) * w.OutWidth + j];
    }

    public static void AvgForward<T>(ReadOnlySpan<T> input, Span<T> output, int planes, int height, int width, PoolWindows w)
        where T : IFloatingPointIeee754<T>
    {
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < w.OutHeight; i++)
                for (int j = 0; j < w.OutWidth; j++)
                {
                    T sum = T.Zero;
                    for (int y = w.RowStart[i]; y < w.RowEnd[i]; y++)
                        for (int x = w.ColumnStart[j]; x < w.ColumnEnd[j]; x++)
                            sum += input[(p * height + y) * width + x];
                    output[(p * w.OutHeight + i) * w.OutWidth + j] = sum / T.CreateChecked(w.RowDivisor[i] * w.ColumnDivisor[j]);
                }
    }

    public static void AvgBackward<T>(ReadOnlySpan<T> dOutput, Span<T> dInput, int planes, int height, int width, PoolWindows w)
        where T : IFloatingPointIeee754<T>
    {
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < w.OutHeight; i++)
                for (int j = 0; j < w.OutWidth; j++)
                {
                    T share = dOutput[(p * w.OutHeight + i) * w.OutWidth + j] / T.CreateChecked(w.RowDivisor[i] * w.ColumnDivisor[j]);
                    for (int y = w.RowStart[i]; y < w.RowEnd[i]; y++)
                        for (int x = w.ColumnStart[j]; x < w.ColumnEnd[j]; x++)
                            dInput[(p * height + y) * width + x] += share;
                }
    }

    /// <summary>Index of the first maximum in window (i, j) of plane p, scanning row by row as PyTorch does; NaN wins.</summary>
    private static int ArgMax<T>(ReadOnlySpan<T> input, int p, int height, int width, PoolWindows w, int i, int j)
        where T : IFloatingPointIeee754<T>
    {
        int best = -1;
        for (int y = w.RowStart[i]; y < w.RowEnd[i]; y++)
            for (int x = w.ColumnStart[j]; x < w.ColumnEnd[j]; x++)
            {
                int index = (p * height + y) * width + x;
                if (best < 0 || input[index] > input[best] || T.IsNaN(input[index])) best = index;
                if (T.IsNaN(input[best])) return best;
            }
        return best;
    }
}
