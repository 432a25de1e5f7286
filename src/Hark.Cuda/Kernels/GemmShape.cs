namespace Hark.Cuda.Kernels;

/// <summary>A <see cref="GemmDescriptor"/> as a kernel argument: plain fields, flags as ints.</summary>
public struct GemmShape
{
    public int M, N, K, TransposeA, TransposeB, Accumulate;
    public long StrideA, StrideB, StrideC, OffsetA, OffsetB, OffsetC;

    public static GemmShape From(in GemmDescriptor g) => new()
    {
        M = g.M, N = g.N, K = g.K, TransposeA = g.TransposeA ? 1 : 0, TransposeB = g.TransposeB ? 1 : 0, Accumulate = g.Accumulate ? 1 : 0,
        StrideA = g.StrideA, StrideB = g.StrideB, StrideC = g.StrideC, OffsetA = g.OffsetA, OffsetB = g.OffsetB, OffsetC = g.OffsetC,
    };
}
