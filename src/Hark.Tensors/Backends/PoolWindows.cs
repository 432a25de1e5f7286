namespace Hark.Tensors.Backends;

/// <summary>
/// Where every output cell of a 2-D pooling reads its input: for output row i the rows [RowStart[i], RowEnd[i]) and
/// for output column j the columns [ColumnStart[j], ColumnEnd[j]), already clipped to the input. Average pooling divides
/// by RowDivisor[i] * ColumnDivisor[j], which counts padded cells when the pooling includes them (PyTorch's
/// count_include_pad). One description serves fixed-window and adaptive pooling alike.
/// </summary>
public sealed class PoolWindows
{
    public required int[] RowStart { get; init; }
    public required int[] RowEnd { get; init; }
    public required int[] ColumnStart { get; init; }
    public required int[] ColumnEnd { get; init; }
    public required int[] RowDivisor { get; init; }
    public required int[] ColumnDivisor { get; init; }

    public int OutHeight => RowStart.Length;
    public int OutWidth => ColumnStart.Length;

    /// <summary>Fixed windows as in MaxPool2d/AvgPool2d (ceil_mode false); padded cells count toward the divisor.</summary>
    public static PoolWindows Fixed(int inHeight, int inWidth, (int Height, int Width) kernel, (int Height, int Width) stride, (int Height, int Width) padding)
    {
        var (rowStart, rowEnd, rowDivisor) = FixedAxis(inHeight, kernel.Height, stride.Height, padding.Height);
        var (columnStart, columnEnd, columnDivisor) = FixedAxis(inWidth, kernel.Width, stride.Width, padding.Width);
        return new() { RowStart = rowStart, RowEnd = rowEnd, RowDivisor = rowDivisor, ColumnStart = columnStart, ColumnEnd = columnEnd, ColumnDivisor = columnDivisor };
    }

    /// <summary>Adaptive windows as in AdaptiveAvgPool2d: cell i covers [floor(i*in/out), ceil((i+1)*in/out)).</summary>
    public static PoolWindows Adaptive(int inHeight, int inWidth, (int Height, int Width) outputSize)
    {
        var (rowStart, rowEnd) = AdaptiveAxis(inHeight, outputSize.Height);
        var (columnStart, columnEnd) = AdaptiveAxis(inWidth, outputSize.Width);
        return new()
        {
            RowStart = rowStart, RowEnd = rowEnd, RowDivisor = Extents(rowStart, rowEnd),
            ColumnStart = columnStart, ColumnEnd = columnEnd, ColumnDivisor = Extents(columnStart, columnEnd),
        };
    }

    public static int FixedOutputSize(int input, int kernel, int stride, int padding) => (input + 2 * padding - kernel) / stride + 1;

    private static (int[] Start, int[] End, int[] Divisor) FixedAxis(int input, int kernel, int stride, int padding)
    {
        int outputs = FixedOutputSize(input, kernel, stride, padding);
        var start = new int[outputs];
        var end = new int[outputs];
        var divisor = new int[outputs];
        for (int i = 0; i < outputs; i++)
        {
            int from = i * stride - padding;
            int to = Math.Min(from + kernel, input + padding);
            divisor[i] = to - from;
            start[i] = Math.Max(from, 0);
            end[i] = Math.Min(to, input);
        }
        return (start, end, divisor);
    }

    private static (int[] Start, int[] End) AdaptiveAxis(int input, int outputs)
    {
        var start = new int[outputs];
        var end = new int[outputs];
        for (int i = 0; i < outputs; i++)
        {
            start[i] = (int)((long)i * input / outputs);
            end[i] = (int)(((long)(i + 1) * input + outputs - 1) / outputs);
        }
        return (start, end);
    }

    private static int[] Extents(int[] start, int[] end)
    {
        var extents = new int[start.Length];
        for (int i = 0; i < extents.Length; i++) extents[i] = end[i] - start[i];
        return extents;
    }
}
