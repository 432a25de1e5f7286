using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>Pooling over [planes, H, W], planes split over the cores.</summary>
internal sealed partial class CpuBackend
{
    public void MaxPool2dForward(Tensor input, Tensor output, PoolWindows windows)
    {
        float[] x = input.CpuData, y = output.CpuData;
        var (planes, height, width) = Planes(input);
        int outPlane = windows.OutHeight * windows.OutWidth;
        bool pairs = IsTwoByTwo(windows);
        Parallelism.For(planes, height * width, (start, end) =>
        {
            float[]? rowMax = pairs ? System.Buffers.ArrayPool<float>.Shared.Rent(width) : null;
            for (int p = start; p < end; p++)
            {
                var image = x.AsSpan(p * height * width, height * width);
                var pooled = y.AsSpan(p * outPlane, outPlane);
                if (pairs)
                {
                    MaxPoolTwoByTwo(image, pooled, width, windows.OutHeight, windows.OutWidth, rowMax.AsSpan(0, width));
                    continue;
                }
                for (int i = 0; i < windows.OutHeight; i++)
                    for (int j = 0; j < windows.OutWidth; j++)
                        pooled[i * windows.OutWidth + j] = image[ArgMax(image, width, windows, i, j)];
            }
            if (rowMax is not null) System.Buffers.ArrayPool<float>.Shared.Return(rowMax);
        });
    }

    public void MaxPool2dBackward(Tensor input, Tensor dOutput, Tensor dInput, PoolWindows windows, bool accumulate)
    {
        float[] x = input.CpuData, dy = dOutput.CpuData, dx = dInput.CpuData;
        var (planes, height, width) = Planes(input);
        int outPlane = windows.OutHeight * windows.OutWidth;
        bool pairs = IsTwoByTwo(windows);
        Parallelism.For(planes, height * width, (start, end) =>
        {
            for (int p = start; p < end; p++)
            {
                var image = x.AsSpan(p * height * width, height * width);
                var dImage = dx.AsSpan(p * height * width, height * width);
                var dPooled = dy.AsSpan(p * outPlane, outPlane);
                if (pairs)
                {
                    MaxPoolTwoByTwoBackward(image, dPooled, dImage, width, windows.OutHeight, windows.OutWidth, accumulate);
                    continue;
                }
                if (!accumulate) dImage.Clear();
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

    /// <summary>Whether every window is the disjoint 2x2 block (2i..2i+1, 2j..2j+1), as in MaxPool2d(2): the common case gets a fast path.</summary>
    private static bool IsTwoByTwo(PoolWindows windows)
    {
        for (int i = 0; i < windows.OutHeight; i++)
            if (windows.RowStart[i] != 2 * i || windows.RowEnd[i] != 2 * i + 2) return false;
        for (int j = 0; j < windows.OutWidth; j++)
            if (windows.ColumnStart[j] != 2 * j || windows.ColumnEnd[j] != 2 * j + 2) return false;
        return true;
    }

    /// <summary>
    /// 2x2 max pooling of one plane: a vectorised max of each row pair, then of each column pair (eight windows at a time,
    /// their left and right cells split apart as in the backward). Vector256.Max propagates NaN as MathF.Max does.
    /// </summary>
    private static void MaxPoolTwoByTwo(ReadOnlySpan<float> image, Span<float> pooled, int width, int outHeight, int outWidth, Span<float> rowMax)
    {
        for (int i = 0; i < outHeight; i++)
        {
            TensorPrimitives.Max(image.Slice(2 * i * width, width), image.Slice((2 * i + 1) * width, width), rowMax);
            var line = pooled.Slice(i * outWidth, outWidth);
            int j = 0;
            if (Vector256.IsHardwareAccelerated)
                for (; j <= line.Length - Vector256<float>.Count; j += Vector256<float>.Count)
                {
                    var (left, right) = SplitPairs(rowMax.Slice(2 * j, 16));
                    Vector256.Max(left, right).CopyTo(line.Slice(j));
                }
            for (; j < line.Length; j++) line[j] = MathF.Max(rowMax[2 * j], rowMax[2 * j + 1]);
        }
    }

    /// <summary>
    /// Adds each 2x2 window's gradient at its first maximum (row-major scan; the first NaN wins), like <see cref="ArgMax"/>,
    /// without branches: the winner is picked by selects and every cell of the window gets its share (the gradient or 0).
    /// Without <paramref name="accumulate"/> the plane is overwritten, the odd last row or column no window covers with zeros.
    /// </summary>
    private static void MaxPoolTwoByTwoBackward(ReadOnlySpan<float> image, ReadOnlySpan<float> dPooled, Span<float> dImage, int width, int outHeight,
        int outWidth, bool accumulate)
    {
        if (!accumulate)
        {
            dImage.Slice(2 * outHeight * width).Clear();
            if (width > 2 * outWidth)
                for (int r = 0; r < 2 * outHeight; r++)
                    dImage.Slice(r * width + 2 * outWidth, width - 2 * outWidth).Clear();
        }
        for (int i = 0; i < outHeight; i++)
        {
            var top = image.Slice(2 * i * width, 2 * outWidth);
            var bottom = image.Slice((2 * i + 1) * width, 2 * outWidth);
            var dTop = dImage.Slice(2 * i * width, 2 * outWidth);
            var dBottom = dImage.Slice((2 * i + 1) * width, 2 * outWidth);
            var gradients = dPooled.Slice(i * outWidth, outWidth);
            int j = Vector256.IsHardwareAccelerated ? TwoByTwoBackwardVectors(top, bottom, gradients, dTop, dBottom, accumulate) : 0;
            for (; j < gradients.Length; j++)
            {
                float a = top[2 * j], b = top[2 * j + 1], c = bottom[2 * j], d = bottom[2 * j + 1];
                int best = 0;
                float m = a;
                bool takes = Supersedes(b, m);
                best = takes ? 1 : best;
                m = takes ? b : m;
                takes = Supersedes(c, m);
                best = takes ? 2 : best;
                m = takes ? c : m;
                best = Supersedes(d, m) ? 3 : best;
                float g = gradients[j];
                float ga = best == 0 ? g : 0f, gb = best == 1 ? g : 0f, gc = best == 2 ? g : 0f, gd = best == 3 ? g : 0f;
                if (accumulate)
                {
                    ga += dTop[2 * j];
                    gb += dTop[2 * j + 1];
                    gc += dBottom[2 * j];
                    gd += dBottom[2 * j + 1];
                }
                dTop[2 * j] = ga;
                dTop[2 * j + 1] = gb;
                dBottom[2 * j] = gc;
                dBottom[2 * j + 1] = gd;
            }
        }
    }

    // whether v replaces the running maximum m in a row-major scan: larger, or a NaN, unless m is already a NaN (the first one wins)
    private static bool Supersedes(float v, float m) => !float.IsNaN(m) && !(v <= m);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Supersedes(Vector256<float> v, Vector256<float> m) => Vector256.Equals(m, m) & ~Vector256.LessThanOrEqual(v, m);

    /// <summary>
    /// <see cref="MaxPoolTwoByTwoBackward"/> for one row of windows, eight windows at a time: the left and right cells of the
    /// windows are split apart by shuffles, the winners picked by masks, and the shares interleaved back. Returns how many
    /// windows it did (the rest go through the scalar loop).
    /// </summary>
    private static int TwoByTwoBackwardVectors(ReadOnlySpan<float> top, ReadOnlySpan<float> bottom, ReadOnlySpan<float> gradients,
        Span<float> dTop, Span<float> dBottom, bool accumulate)
    {
        int j = 0;
        for (; j <= gradients.Length - Vector256<float>.Count; j += Vector256<float>.Count)
        {
            int e = 2 * j;
            var (a, b) = SplitPairs(top.Slice(e, 16));
            var (c, d) = SplitPairs(bottom.Slice(e, 16));
            var g = Vector256.Create(gradients.Slice(j, 8));
            var takeB = Supersedes(b, a);
            var m = Vector256.ConditionalSelect(takeB, b, a);
            var takeC = Supersedes(c, m);
            m = Vector256.ConditionalSelect(takeC, c, m);
            var takeD = Supersedes(d, m);
            var ga = ~(takeB | takeC | takeD) & g;
            var gb = takeB & ~(takeC | takeD) & g;
            var gc = takeC & ~takeD & g;
            var gd = takeD & g;
            StorePairs(ga, gb, dTop.Slice(e, 16), accumulate);
            StorePairs(gc, gd, dBottom.Slice(e, 16), accumulate);
        }
        return j;
    }

    // 16 consecutive cells -> (left cells, right cells) of the 8 windows they hold
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Left, Vector256<float> Right) SplitPairs(ReadOnlySpan<float> cells)
    {
        var low = Vector256.Shuffle(Vector256.Create(cells.Slice(0, 8)), Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7));
        var high = Vector256.Shuffle(Vector256.Create(cells.Slice(8, 8)), Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7));
        return (Vector256.Create(low.GetLower(), high.GetLower()), Vector256.Create(low.GetUpper(), high.GetUpper()));
    }

    // the inverse of SplitPairs, written (or added) to 16 consecutive cells
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePairs(Vector256<float> left, Vector256<float> right, Span<float> cells, bool accumulate)
    {
        var low = Vector256.Shuffle(Vector256.Create(left.GetLower(), right.GetLower()), Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7));
        var high = Vector256.Shuffle(Vector256.Create(left.GetUpper(), right.GetUpper()), Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7));
        if (accumulate)
        {
            low += Vector256.Create((ReadOnlySpan<float>)cells.Slice(0, 8));
            high += Vector256.Create((ReadOnlySpan<float>)cells.Slice(8, 8));
        }
        low.CopyTo(cells.Slice(0, 8));
        high.CopyTo(cells.Slice(8, 8));
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
