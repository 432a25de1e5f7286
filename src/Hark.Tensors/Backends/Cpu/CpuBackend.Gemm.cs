using System.Numerics.Tensors;

namespace Hark.Tensors.Backends.Cpu;

internal sealed partial class CpuBackend
{
    private CpuGemm? matrix;

    /// <summary>The GEMM every CPU kernel uses, native or managed as this backend was configured.</summary>
    internal CpuGemm Matrix => matrix ??= new CpuGemm(useNative: !ForceManaged);

    public void Gemm(in GemmDescriptor gemm, Tensor a, Tensor b, Tensor c)
    {
        float[] da = a.CpuData, db = b.CpuData, dc = c.CpuData;
        var g = gemm;
        if (g.Batch == 1)
        {
            Matrix.MultiplyParallel(g.TransposeA, g.TransposeB, g.M, g.N, g.K, da, g.OffsetA, g.LeadingA, db, g.OffsetB, g.LeadingB,
                dc, g.OffsetC, g.LeadingC, g.Accumulate);
            return;
        }
        Parallelism.For(g.Batch, (long)g.M * g.N * g.K, (start, end) =>
        {
            for (int i = start; i < end; i++)
                Matrix.Multiply(g.TransposeA, g.TransposeB, g.M, g.N, g.K,
                    da.AsSpan((int)(g.OffsetA + i * g.StrideA)), g.LeadingA,
                    db.AsSpan((int)(g.OffsetB + i * g.StrideB)), g.LeadingB,
                    dc.AsSpan((int)(g.OffsetC + i * g.StrideC)), g.LeadingC, g.Accumulate);
        });
    }

    public void AddRowBias(Tensor output, Tensor bias)
    {
        var values = output.Span;
        var b = bias.Span;
        for (int start = 0; start < values.Length; start += b.Length)
        {
            var row = values.Slice(start, b.Length);
            TensorPrimitives.Add(row, b, row);
        }
    }

    public void AccumulateColumnSums(Tensor dOutput, Tensor dBias)
    {
        var values = dOutput.Span;
        var sums = dBias.Span;
        for (int start = 0; start < values.Length; start += sums.Length)
            TensorPrimitives.Add(sums, values.Slice(start, sums.Length), sums);
    }
}
