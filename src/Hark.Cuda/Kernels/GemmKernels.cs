namespace Hark.Cuda.Kernels;

/// <summary>
/// C[b] (+)= op(A[b]) op(B[b]) for row-major matrices (<see cref="GemmDescriptor"/>), the path CI runs and the GPU's
/// fallback when cuBLAS does not load. Each thread computes a 4x4 tile of C (registers, no shared memory), so it is
/// the same code on ILGPU's CPU accelerator and on a GPU; <see cref="Reference"/> is the one-element-per-thread form
/// it is checked against.
/// </summary>
public static class GemmKernels
{
    public const int Tile = 4;

    // one thread per tile: index = ((batch * tileRows) + tileRow) * tileColumns + tileColumn
    public static void Tiled(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmShape s)
    {
        int tileColumns = (s.N + Tile - 1) / Tile, tileRows = (s.M + Tile - 1) / Tile;
        int tileColumn = index % tileColumns, rest = index / tileColumns;
        int tileRow = rest % tileRows, batch = rest / tileRows;
        int row0 = tileRow * Tile, column0 = tileColumn * Tile;
        long aBase = s.OffsetA + batch * s.StrideA, bBase = s.OffsetB + batch * s.StrideB;
        long aRowStep = s.TransposeA != 0 ? 1 : s.K, aKStep = s.TransposeA != 0 ? s.M : 1;
        long bKStep = s.TransposeB != 0 ? 1 : s.N, bColumnStep = s.TransposeB != 0 ? s.K : 1;
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        // rows and columns past the matrix edge read row/column 0 (always valid) and are never written
        long r0 = aBase + Clip(row0, s.M) * aRowStep, r1 = aBase + Clip(row0 + 1, s.M) * aRowStep;
        long r2 = aBase + Clip(row0 + 2, s.M) * aRowStep, r3 = aBase + Clip(row0 + 3, s.M) * aRowStep;
        long q0 = bBase + Clip(column0, s.N) * bColumnStep, q1 = bBase + Clip(column0 + 1, s.N) * bColumnStep;
        long q2 = bBase + Clip(column0 + 2, s.N) * bColumnStep, q3 = bBase + Clip(column0 + 3, s.N) * bColumnStep;
        for (int k = 0; k < s.K; k++)
        {
            long ak = k * aKStep, bk = k * bKStep;
            float a0 = a[r0 + ak], a1 = a[r1 + ak], a2 = a[r2 + ak], a3 = a[r3 + ak];
            float b0 = b[q0 + bk], b1 = b[q1 + bk], b2 = b[q2 + bk], b3 = b[q3 + bk];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        long cBase = s.OffsetC + batch * s.StrideC;
        Store(c, s, cBase, row0, column0, c00, c01, c02, c03);
        Store(c, s, cBase, row0 + 1, column0, c10, c11, c12, c13);
        Store(c, s, cBase, row0 + 2, column0, c20, c21, c22, c23);
        Store(c, s, cBase, row0 + 3, column0, c30, c31, c32, c33);
    }

    // one thread per element of C: index = (batch * M + row) * N + column
    public static void Reference(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmShape s)
    {
        int column = index % s.N, rest = index / s.N;
        int row = rest % s.M, batch = rest / s.M;
        long aBase = s.OffsetA + batch * s.StrideA, bBase = s.OffsetB + batch * s.StrideB;
        float sum = 0;
        for (int k = 0; k < s.K; k++)
            sum += a[aBase + (s.TransposeA != 0 ? (long)k * s.M + row : (long)row * s.K + k)]
                * b[bBase + (s.TransposeB != 0 ? (long)column * s.K + k : (long)k * s.N + column)];
        long at = s.OffsetC + batch * s.StrideC + (long)row * s.N + column;
        c[at] = s.Accumulate != 0 ? c[at] + sum : sum;
    }

    private static int Clip(int index, int size) => index < size ? index : 0;

    private static void Store(ArrayView<float> c, GemmShape s, long cBase, int row, int column0, float v0, float v1, float v2, float v3)
    {
        if (row >= s.M) return;
        long at = cBase + (long)row * s.N + column0;
        StoreOne(c, s, at, column0, v0);
        StoreOne(c, s, at + 1, column0 + 1, v1);
        StoreOne(c, s, at + 2, column0 + 2, v2);
        StoreOne(c, s, at + 3, column0 + 3, v3);
    }

    private static void StoreOne(ArrayView<float> c, GemmShape s, long at, int column, float value)
    {
        if (column >= s.N) return;
        c[at] = s.Accumulate != 0 ? c[at] + value : value;
    }

    // output[r, j] += bias[j], output viewed as [rows, columns]
    public static void AddRowBias(Index1D i, ArrayView<float> output, ArrayView<float> bias, int columns) => output[i] += bias[i % columns];

    // dBias[j] += sum over rows of dOutput[r, j]; one thread per column
    public static void AccumulateColumnSums(Index1D j, ArrayView<float> dOutput, ArrayView<float> dBias, int rows, int columns)
    {
        float sum = 0;
        for (int r = 0; r < rows; r++) sum += dOutput[(long)r * columns + j];
        dBias[j] += sum;
    }
}
