using Hark.Tensors;

namespace Hark.KernelCheck;

public sealed partial class KernelComparisons
{
    /// <summary>Allocation (zeroed when asked), the storage's copies in and out of host memory, Fill, Copy and AddInPlace.</summary>
    public void Storage()
    {
        foreach (int n in new[] { 0, 1, 15, 16, 17, 257, 100_003 })
        {
            var values = Random(n);
            var zeroed = new Tensor(backend.Allocate(n, zeroed: true), n);
            Compare($"zeroed allocation length {n}", zeroed.ToArray(), new double[n], 0, 0);
            var uploaded = Upload(values);
            Compare($"copy in and out length {n}", uploaded.ToArray(), ToDouble(values), 0, 0);
            var filled = Empty([n]);
            backend.Fill(filled, 2.5f);
            Compare($"fill length {n}", filled.ToArray(), Enumerable.Repeat(2.5, n).ToArray(), 0, 0);
            backend.Copy(uploaded, filled);
            Compare($"copy length {n}", filled.ToArray(), ToDouble(values), 0, 0);
            var addend = Random(n);
            backend.AddInPlace(filled, Upload(addend));
            Compare($"add in place length {n}", filled.ToArray(), values.Select((v, i) => (double)v + addend[i]).ToArray(), 1e-6, 1e-6);
        }
    }

    /// <summary>The GEMM epilogues: a bias added to every row, and column sums added into a bias gradient.</summary>
    public void GemmEpilogues()
    {
        foreach (var (rows, columns) in new[] { (1, 1), (3, 5), (7, 13), (64, 257), (0, 4) })
        {
            var matrix = Random(rows * columns);
            var bias = Random(columns);
            var output = Upload(matrix, [rows, columns]);
            backend.AddRowBias(output, Upload(bias));
            Compare($"row bias {rows}x{columns}", output.ToArray(), matrix.Select((v, i) => (double)v + bias[i % columns]).ToArray(), 1e-6, 1e-6);

            var sums = Random(columns);
            var expected = ToDouble(sums);
            for (int i = 0; i < matrix.Length; i++) expected[i % columns] += matrix[i];
            var dBias = Upload(sums);
            backend.AccumulateColumnSums(Upload(matrix, [rows, columns]), dBias);
            Compare($"column sums {rows}x{columns}", dBias.ToArray(), expected, 1e-5, 1e-5);
        }
    }
}
