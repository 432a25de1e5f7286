namespace Hark.Tensors.Backends;

/// <summary>
/// One strided-batched matrix product, C[i] = op(A[i]) * op(B[i]) (+ C[i] when <see cref="Accumulate"/>), for i in 0..Batch.
/// Matrices are row-major; op() transposes when asked. A stride of 0 reuses the same matrix for every batch entry
/// (broadcasting). Offsets are in elements from the start of each tensor's storage.
/// </summary>
public readonly record struct GemmDescriptor(
    bool TransposeA, bool TransposeB, int M, int N, int K,
    int Batch = 1, long StrideA = 0, long StrideB = 0, long StrideC = 0,
    long OffsetA = 0, long OffsetB = 0, long OffsetC = 0, bool Accumulate = false)
{
    /// <summary>Leading dimension of A as stored: K columns, or M when stored transposed.</summary>
    public int LeadingA => TransposeA ? M : K;
    public int LeadingB => TransposeB ? K : N;
    public int LeadingC => N;
}
