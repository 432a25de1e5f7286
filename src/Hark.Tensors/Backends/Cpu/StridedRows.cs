namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// Walks a box of up to three operands row by row. Each operand has its own element strides (0 where it is broadcast
/// or reduced); axes that can be walked as one are merged first, so [N,C,H,W] against [1,C,1,1] becomes [N, C, H*W]
/// and the caller's inner loop runs over whole contiguous (or constant) rows.
/// </summary>
internal sealed class StridedRows
{
    public int[] Dims { get; }
    public int[][] Strides { get; }

    public int RowLength => Dims[^1];
    public int RowCount { get; }

    /// <param name="dims">the box size, one entry per axis</param>
    /// <param name="strides">per operand, its element stride along each axis</param>
    public StridedRows(ReadOnlySpan<int> dims, params int[][] strides)
    {
        var keptDims = new List<int>();
        var keptStrides = strides.Select(_ => new List<int>()).ToArray();
        for (int d = 0; d < dims.Length; d++)
        {
            if (dims[d] == 1) continue;
            bool merge = keptDims.Count > 0;
            for (int o = 0; o < strides.Length && merge; o++)
                merge = keptStrides[o][^1] == strides[o][d] * dims[d];
            if (merge)
            {
                keptDims[^1] *= dims[d];
                for (int o = 0; o < strides.Length; o++) keptStrides[o][^1] = strides[o][d];
            }
            else
            {
                keptDims.Add(dims[d]);
                for (int o = 0; o < strides.Length; o++) keptStrides[o].Add(strides[o][d]);
            }
        }
        if (keptDims.Count == 0)
        {
            keptDims.Add(1);
            foreach (var s in keptStrides) s.Add(0);
        }
        Dims = keptDims.ToArray();
        Strides = keptStrides.Select(s => s.ToArray()).ToArray();
        int rows = 1;
        for (int d = 0; d < Dims.Length - 1; d++) rows *= Dims[d];
        RowCount = Dims.Contains(0) ? 0 : rows;
    }

    /// <summary>The inner stride of operand <paramref name="operand"/>: 1 contiguous, 0 constant along the row, else strided.</summary>
    public int RowStride(int operand) => Strides[operand][^1];

    /// <summary>Row-major element strides of <paramref name="shape"/> right-aligned to <paramref name="rank"/> axes, 0 on size-1 axes.</summary>
    public static int[] BroadcastStrides(ReadOnlySpan<int> shape, int rank)
    {
        var strides = new int[rank];
        int stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d + rank - shape.Length] = shape[d] == 1 ? 0 : stride;
            stride *= shape[d];
        }
        return strides;
    }

    /// <summary>Row-major element strides of a contiguous tensor.</summary>
    public static int[] ContiguousStrides(ReadOnlySpan<int> shape) => BroadcastStrides(shape, shape.Length);

    /// <summary>A cursor at row <paramref name="row"/> (rows in row-major order), so workers can each take a run of rows.</summary>
    public Cursor Start(int row = 0) => new(this, row);

    /// <summary>The offset of each operand at the start of the current row; <see cref="Advance"/> moves to the next row.</summary>
    public struct Cursor
    {
        private readonly StridedRows rows;
        private readonly int[] index;
        private readonly int[] offsets;

        internal Cursor(StridedRows rows, int row)
        {
            this.rows = rows;
            index = new int[rows.Dims.Length];
            offsets = new int[rows.Strides.Length];
            for (int d = rows.Dims.Length - 2; d >= 0 && row > 0; d--)
            {
                index[d] = row % rows.Dims[d];
                row /= rows.Dims[d];
                for (int o = 0; o < offsets.Length; o++) offsets[o] += index[d] * rows.Strides[o][d];
            }
        }

        public readonly int Offset(int operand) => offsets[operand];

        public readonly void Advance()
        {
            var dims = rows.Dims;
            for (int d = dims.Length - 2; d >= 0; d--)
            {
                index[d]++;
                for (int o = 0; o < offsets.Length; o++) offsets[o] += rows.Strides[o][d];
                if (index[d] < dims[d]) return;
                for (int o = 0; o < offsets.Length; o++) offsets[o] -= rows.Strides[o][d] * dims[d];
                index[d] = 0;
            }
        }
    }
}
