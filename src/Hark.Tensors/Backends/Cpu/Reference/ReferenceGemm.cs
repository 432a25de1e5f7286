using System.Numerics;

namespace Hark.Tensors.Backends.Cpu.Reference;

/// <summary>The plain triple loop every fast GEMM is tested against; generic so float64 runs can check gradients.</summary>
internal static class ReferenceGemm
{
    /// <summary>C[m, n] = op(A)[m, k] * op(B)[k, n] (+ C when accumulating); row-major with leading dimensions lda, ldb, ldc.</summary>
    public static void Multiply<T>(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    T left = transposeA ? a[p * lda + i] : a[i * lda + p];
                    T right = transposeB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += left * right;
                }
                c[i * ldc + j] = accumulate ? c[i * ldc + j] + sum : sum;
            }
    }
}
