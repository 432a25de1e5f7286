using ILGPU.Algorithms;

namespace Hark.Cuda.Kernels;

/// <summary>
/// 2-D max and average pooling over [planes, height, width], one thread per output cell. The windows of a
/// <c>PoolWindows</c> arrive as one int array: RowStart, RowEnd, RowDivisor (outHeight each), then ColumnStart,
/// ColumnEnd, ColumnDivisor (outWidth each). Backward passes scatter into dInput with atomic adds, since windows may overlap.
/// </summary>
public static class PoolingKernels
{
    public static void MaxForward(Index1D cell, ArrayView<float> input, ArrayView<float> output, ArrayView<int> windows, int height, int width, int outHeight, int outWidth) =>
        output[cell] = input[ArgMax(cell, input, windows, height, width, outHeight, outWidth)];

    public static void MaxBackward(Index1D cell, ArrayView<float> input, ArrayView<float> dOutput, ArrayView<float> dInput, ArrayView<int> windows,
        int height, int width, int outHeight, int outWidth) =>
        Atomic.Add(ref dInput[ArgMax(cell, input, windows, height, width, outHeight, outWidth)], dOutput[cell]);

    public static void AvgForward(Index1D cell, ArrayView<float> input, ArrayView<float> output, ArrayView<int> windows, int height, int width, int outHeight, int outWidth)
    {
        Window(cell, windows, outHeight, outWidth, out int plane, out int i, out int j);
        float sum = 0;
        for (int y = windows[i]; y < windows[outHeight + i]; y++)
            for (int x = windows[3 * outHeight + j]; x < windows[3 * outHeight + outWidth + j]; x++)
                sum += input[((long)plane * height + y) * width + x];
        output[cell] = sum / (windows[2 * outHeight + i] * windows[3 * outHeight + 2 * outWidth + j]);
    }

    public static void AvgBackward(Index1D cell, ArrayView<float> dOutput, ArrayView<float> dInput, ArrayView<int> windows, int height, int width, int outHeight, int outWidth)
    {
        Window(cell, windows, outHeight, outWidth, out int plane, out int i, out int j);
        float share = dOutput[cell] / (windows[2 * outHeight + i] * windows[3 * outHeight + 2 * outWidth + j]);
        for (int y = windows[i]; y < windows[outHeight + i]; y++)
            for (int x = windows[3 * outHeight + j]; x < windows[3 * outHeight + outWidth + j]; x++)
                Atomic.Add(ref dInput[((long)plane * height + y) * width + x], share);
    }

    private static void Window(int cell, ArrayView<int> windows, int outHeight, int outWidth, out int plane, out int i, out int j)
    {
        j = cell % outWidth;
        i = cell / outWidth % outHeight;
        plane = cell / (outWidth * outHeight);
    }

    // the first maximum of the window, scanning row by row as PyTorch does; NaN wins
    private static long ArgMax(int cell, ArrayView<float> input, ArrayView<int> windows, int height, int width, int outHeight, int outWidth)
    {
        Window(cell, windows, outHeight, outWidth, out int plane, out int i, out int j);
        long best = -1;
        for (int y = windows[i]; y < windows[outHeight + i]; y++)
            for (int x = windows[3 * outHeight + j]; x < windows[3 * outHeight + outWidth + j]; x++)
            {
                long at = ((long)plane * height + y) * width + x;
                if (best < 0 || input[at] > input[best] || XMath.IsNaN(input[at])) best = at;
                if (XMath.IsNaN(input[best])) return best;
            }
        return best;
    }
}
