using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// Single-threaded packed GEMM in managed code, organised like BLIS/GotoBLAS: B is packed into KC x NC panels of
/// 16-column strips (or, untransposed, read in place), A into MC x KC blocks of 6-row strips, and a 6x16 register-tiled micro-kernel runs over them.
/// Identical in result to <see cref="Reference.ReferenceGemm"/> up to summation order. The micro-kernel has a
/// Vector256 tier (FMA where available), a Vector128 tier and a scalar tier, picked by what the JIT reports. Hot methods skip tiered compilation (AggressiveOptimization): a
/// short benchmark or the first training steps would otherwise run the unoptimised tier-0 SIMD code.
/// </summary>
internal static unsafe class ManagedGemm
{
    private const int MR = 6, NR = 16, KC = 256, MC = 96, NC = 2048;

    /// <summary>C[m, n] = op(A)[m, k] * op(B)[k, n] (+ C when accumulating), row-major with leading dimensions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate)
                for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
            return;
        }
        int ncMax = Math.Min(NC, RoundUp(n, NR)), kcMax = Math.Min(KC, k), mcMax = Math.Min(MC, RoundUp(m, MR));
        float[] packedB = ArrayPool<float>.Shared.Rent(kcMax * ncMax);
        float[] packedA = ArrayPool<float>.Shared.Rent(kcMax * mcMax);
        fixed (float* pa = a, pb = b, pc = c, bufferA = packedA, bufferB = packedB)
        {
            for (int jc = 0; jc < n; jc += NC)
            {
                int nc = Math.Min(NC, n - jc);
                for (int pcol = 0; pcol < k; pcol += KC)
                {
                    int kc = Math.Min(KC, k - pcol);
                    bool direct = !transposeB;
                    if (direct) PackEdgeB(pb, ldb, pcol, jc, kc, nc, bufferB);
                    else PackTransposedB(pb, ldb, pcol, jc, kc, nc, bufferB);
                    bool add = accumulate || pcol > 0;
                    for (int ic = 0; ic < m; ic += MC)
                    {
                        int mc = Math.Min(MC, m - ic);
                        PackA(transposeA, pa, lda, ic, pcol, mc, kc, bufferA);
                        for (int jr = 0; jr < nc; jr += NR)
                        {
                            int cols = Math.Min(NR, nc - jr);
                            // Full strips of an untransposed B are read in place (rows ldb apart): packing them would
                            // only copy what is already contiguous 16 floats at a time.
                            bool inPlace = direct && cols == NR;
                            float* strip = inPlace ? pb + (long)pcol * ldb + jc + jr : bufferB + jr * kc;
                            int stripStride = inPlace ? ldb : NR;
                            for (int ir = 0; ir < mc; ir += MR)
                            {
                                int rows = Math.Min(MR, mc - ir);
                                float* tile = pc + (long)(ic + ir) * ldc + jc + jr;
                                MicroKernel(kc, bufferA + ir * kc, strip, stripStride, tile, ldc, rows, cols, add);
                            }
                        }
                    }
                }
            }
        }
        ArrayPool<float>.Shared.Return(packedA);
        ArrayPool<float>.Shared.Return(packedB);
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>Packs op(A)[ic.., pc..] as strips of MR rows: strip s holds, for each p, MR consecutive values (zero-padded).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(bool transpose, float* a, int lda, int ic, int pc, int mc, int kc, float* packed)
    {
        for (int ir = 0; ir < mc; ir += MR)
        {
            int rows = Math.Min(MR, mc - ir);
            float* strip = packed + ir * kc;
            for (int p = 0; p < kc; p++)
            {
                float* dst = strip + p * MR;
                int r = 0;
                if (transpose)
                {
                    float* src = a + (long)(pc + p) * lda + ic + ir;
                    for (; r < rows; r++) dst[r] = src[r];
                }
                else
                {
                    float* src = a + (long)(ic + ir) * lda + pc + p;
                    for (; r < rows; r++) dst[r] = src[(long)r * lda];
                }
                for (; r < MR; r++) dst[r] = 0f;
            }
        }
    }

    /// <summary>Packs only the last, partial strip of an untransposed B (the full strips are read in place).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackEdgeB(float* b, int ldb, int pc, int jc, int kc, int nc, float* packed)
    {
        int jr = nc / NR * NR;
        if (jr == nc) return;
        int cols = nc - jr;
        float* strip = packed + jr * kc;
        for (int p = 0; p < kc; p++)
        {
            float* src = b + (long)(pc + p) * ldb + jc + jr;
            float* dst = strip + p * NR;
            int j = 0;
            for (; j < cols; j++) dst[j] = src[j];
            for (; j < NR; j++) dst[j] = 0f;
        }
    }

    /// <summary>Packs B^T[pc.., jc..] (B stored transposed) as strips of NR columns: for each p, NR consecutive values (zero-padded).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackTransposedB(float* b, int ldb, int pc, int jc, int kc, int nc, float* packed)
    {
        for (int jr = 0; jr < nc; jr += NR)
        {
            int cols = Math.Min(NR, nc - jr);
            float* strip = packed + jr * kc;
            for (int p = 0; p < kc; p++)
            {
                float* dst = strip + p * NR;
                float* src = b + (long)(jc + jr) * ldb + pc + p;
                int j = 0;
                for (; j < cols; j++) dst[j] = src[(long)j * ldb];
                for (; j < NR; j++) dst[j] = 0f;
            }
        }
    }

    /// <summary>C tile (+)= A strip (kc x MR, packed) * B strip (kc rows of 16, ldbStrip apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel(int kc, float* a, float* b, int ldbStrip, float* c, int ldc, int rows, int cols, bool accumulate)
    {
        if (rows == MR && cols == NR)
        {
            Kernel(kc, a, b, ldbStrip, c, ldc, accumulate);
            return;
        }
        // Edge tile: compute the full 6x16 into a scratch tile, then copy the valid part.
        float* tile = stackalloc float[MR * NR];
        Kernel(kc, a, b, ldbStrip, tile, NR, accumulate: false);
        for (int r = 0; r < rows; r++)
        {
            float* dst = c + (long)r * ldc;
            float* src = tile + r * NR;
            if (accumulate)
                for (int j = 0; j < cols; j++) dst[j] += src[j];
            else
                for (int j = 0; j < cols; j++) dst[j] = src[j];
        }
    }

    private static void Kernel(int kc, float* a, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        if (Vector256.IsHardwareAccelerated) Kernel256(kc, a, b, ldb, c, ldc, accumulate);
        else if (Vector128.IsHardwareAccelerated) Kernel128(kc, a, b, ldb, c, ldc, accumulate);
        else KernelScalar(kc, a, b, ldb, c, ldc, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MulAdd(Vector256<float> x, Vector256<float> y, Vector256<float> sum) =>
        Fma.IsSupported ? Fma.MultiplyAdd(x, y, sum) : sum + x * y;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel256(int kc, float* a, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var x = Vector256.Create(a[0]); c00 = MulAdd(x, b0, c00); c01 = MulAdd(x, b1, c01);
            x = Vector256.Create(a[1]); c10 = MulAdd(x, b0, c10); c11 = MulAdd(x, b1, c11);
            x = Vector256.Create(a[2]); c20 = MulAdd(x, b0, c20); c21 = MulAdd(x, b1, c21);
            x = Vector256.Create(a[3]); c30 = MulAdd(x, b0, c30); c31 = MulAdd(x, b1, c31);
            x = Vector256.Create(a[4]); c40 = MulAdd(x, b0, c40); c41 = MulAdd(x, b1, c41);
            x = Vector256.Create(a[5]); c50 = MulAdd(x, b0, c50); c51 = MulAdd(x, b1, c51);
            a += MR;
            b += ldb;
        }
        Store256(c, c00, c01, accumulate); c += ldc;
        Store256(c, c10, c11, accumulate); c += ldc;
        Store256(c, c20, c21, accumulate); c += ldc;
        Store256(c, c30, c31, accumulate); c += ldc;
        Store256(c, c40, c41, accumulate); c += ldc;
        Store256(c, c50, c51, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store256(float* c, Vector256<float> low, Vector256<float> high, bool accumulate)
    {
        if (accumulate)
        {
            low += Vector256.Load(c);
            high += Vector256.Load(c + 8);
        }
        Vector256.Store(low, c);
        Vector256.Store(high, c + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel128(int kc, float* a, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        for (int r = 0; r < MR; r++)
        {
            Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default;
            float* pa = a + r, pb = b;
            for (int p = 0; p < kc; p++)
            {
                var x = Vector128.Create(*pa);
                s0 += x * Vector128.Load(pb);
                s1 += x * Vector128.Load(pb + 4);
                s2 += x * Vector128.Load(pb + 8);
                s3 += x * Vector128.Load(pb + 12);
                pa += MR;
                pb += ldb;
            }
            float* row = c + (long)r * ldc;
            if (accumulate)
            {
                s0 += Vector128.Load(row); s1 += Vector128.Load(row + 4);
                s2 += Vector128.Load(row + 8); s3 += Vector128.Load(row + 12);
            }
            Vector128.Store(s0, row); Vector128.Store(s1, row + 4);
            Vector128.Store(s2, row + 8); Vector128.Store(s3, row + 12);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void KernelScalar(int kc, float* a, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        float* sums = stackalloc float[NR];
        for (int r = 0; r < MR; r++)
        {
            for (int j = 0; j < NR; j++) sums[j] = 0f;
            for (int p = 0; p < kc; p++)
            {
                float x = a[p * MR + r];
                float* pb = b + (long)p * ldb;
                for (int j = 0; j < NR; j++) sums[j] += x * pb[j];
            }
            float* row = c + (long)r * ldc;
            for (int j = 0; j < NR; j++) row[j] = accumulate ? row[j] + sums[j] : sums[j];
        }
    }
}
