namespace Hark.Cuda;

public sealed partial class CudaBackend
{
    public void Softmax(Tensor input, Tensor output, int outer, int length, int inner, bool log) =>
        Launch(outer * inner, kernels.Load<ArrayView<float>, ArrayView<float>, int, int, int>(SoftmaxKernels.Forward),
            View(input), View(output), length, inner, log ? 1 : 0);

    public void SoftmaxBackward(Tensor output, Tensor dOutput, Tensor dInput, int outer, int length, int inner, bool log) =>
        Launch(outer * inner, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int>(SoftmaxKernels.Backward),
            View(output), View(dOutput), View(dInput), length, inner, log ? 1 : 0);
}
