using System.Runtime.CompilerServices;

namespace Hark.Cuda;

public sealed partial class CudaBackend
{
    /// <summary>Each pooling layer's windows, uploaded once (layers keep their <see cref="PoolWindows"/> per input size).</summary>
    private readonly ConditionalWeakTable<PoolWindows, MemoryBuffer1D<int, Stride1D.Dense>> windowBuffers = new();

    public void MaxPool2dForward(Tensor input, Tensor output, PoolWindows windows) =>
        Launch(output.Numel, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<int>, int, int, int, int>(PoolingKernels.MaxForward),
            View(input), View(output), Windows(windows), input.Shape[^2], input.Shape[^1], windows.OutHeight, windows.OutWidth);

    public void MaxPool2dBackward(Tensor input, Tensor dOutput, Tensor dInput, PoolWindows windows, bool accumulate)
    {
        if (!accumulate) Fill(dInput, 0f);
        Launch(dOutput.Numel, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, int, int, int, int>(PoolingKernels.MaxBackward),
            View(input), View(dOutput), View(dInput), Windows(windows), input.Shape[^2], input.Shape[^1], windows.OutHeight, windows.OutWidth);
    }

    public void AvgPool2dForward(Tensor input, Tensor output, PoolWindows windows) =>
        Launch(output.Numel, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<int>, int, int, int, int>(PoolingKernels.AvgForward),
            View(input), View(output), Windows(windows), input.Shape[^2], input.Shape[^1], windows.OutHeight, windows.OutWidth);

    public void AvgPool2dBackward(Tensor dOutput, Tensor dInput, PoolWindows windows) =>
        Launch(dOutput.Numel, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<int>, int, int, int, int>(PoolingKernels.AvgBackward),
            View(dOutput), View(dInput), Windows(windows), dInput.Shape[^2], dInput.Shape[^1], windows.OutHeight, windows.OutWidth);

    private ArrayView<int> Windows(PoolWindows windows)
    {
        Bind();
        return windowBuffers.GetValue(windows, w => accelerator.Allocate1D<int>(
            [.. w.RowStart, .. w.RowEnd, .. w.RowDivisor, .. w.ColumnStart, .. w.ColumnEnd, .. w.ColumnDivisor])).View;
    }
}
