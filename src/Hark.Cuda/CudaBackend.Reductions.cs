namespace Hark.Cuda;

public sealed partial class CudaBackend
{
    /// <summary>Threads of the power-sum pass: their double partial sums are added on the host (the one read-back gradient clipping needs).</summary>
    private const int PowerSumThreads = 4096;

    public void MaxAlongAxis(Tensor input, Tensor values, int outer, int length, int inner) =>
        Launch(outer * inner, kernels.Load<ArrayView<float>, ArrayView<float>, int, int>(ReductionKernels.MaxAlongAxis),
            View(input), View(values), length, inner);

    public void MaxAlongAxisBackward(Tensor input, Tensor values, Tensor dValues, Tensor dInput, int outer, int length, int inner) =>
        Launch(outer * inner, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(ReductionKernels.MaxAlongAxisBackward),
            View(input), View(dValues), View(dInput), length, inner);

    public double PowerSum(Tensor x, double p)
    {
        if (x.Numel == 0) return 0;
        int threads = Math.Min(PowerSumThreads, x.Numel);
        bool infinite = double.IsPositiveInfinity(p);
        Bind();
        using var partials = accelerator.Allocate1D<double>(threads);
        Launch(threads, kernels.Load<ArrayView<float>, ArrayView<double>, int, int, double, int>(ReductionKernels.PowerSumPartials),
            View(x), partials.View.AsContiguous(), x.Numel, threads, p, infinite ? 1 : 0);
        var host = new double[threads];
        partials.View.CopyToCPU(Stream, host);
        Stream.Synchronize();
        return infinite ? host.Max() : host.Sum();
    }
}
