namespace Hark.Cuda;

public sealed partial class CudaBackend
{
    public void Gemm(in GemmDescriptor gemm, Tensor a, Tensor b, Tensor c) => Gemm(gemm, View(a), View(b), View(c));

    private void Gemm(in GemmDescriptor gemm, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c)
    {
        if (gemm.M == 0 || gemm.N == 0 || gemm.Batch == 0) return;
        Bind();
        if (blas is not null)
        {
            blas.Gemm(gemm, a, b, c);
            return;
        }
        int tiles = gemm.Batch * ((gemm.M + GemmKernels.Tile - 1) / GemmKernels.Tile) * ((gemm.N + GemmKernels.Tile - 1) / GemmKernels.Tile);
        Launch(tiles, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape>(GemmKernels.Tiled), a, b, c, GemmShape.From(gemm));
    }

    public void AddRowBias(Tensor output, Tensor bias) =>
        Launch(output.Numel, kernels.Load<ArrayView<float>, ArrayView<float>, int>(GemmKernels.AddRowBias), View(output), View(bias), bias.Numel);

    public void AccumulateColumnSums(Tensor dOutput, Tensor dBias) =>
        Launch(dBias.Numel, kernels.Load<ArrayView<float>, ArrayView<float>, int, int>(GemmKernels.AccumulateColumnSums),
            View(dOutput), View(dBias), dBias.Numel == 0 ? 0 : dOutput.Numel / dBias.Numel, dBias.Numel);
}
