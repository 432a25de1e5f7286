namespace Hark.Tensors.Backends;

/// <summary>Matrix products (GEMM) and their epilogues: the kernels behind Linear, MatMul and Bmm.</summary>
public partial interface IBackend
{
    /// <summary>Runs the strided-batched product described by <paramref name="gemm"/> over the storages of a, b and c.</summary>
    void Gemm(in GemmDescriptor gemm, Tensor a, Tensor b, Tensor c);

    /// <summary>output[r, j] += bias[j] for every row r of the [rows, bias.Numel] matrix held by output.</summary>
    void AddRowBias(Tensor output, Tensor bias);

    /// <summary>dBias[j] += sum over rows r of dOutput[r, j], dOutput viewed as [rows, dBias.Numel].</summary>
    void AccumulateColumnSums(Tensor dOutput, Tensor dBias);
}
