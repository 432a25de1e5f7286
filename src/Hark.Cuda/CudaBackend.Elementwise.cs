namespace Hark.Cuda;

public sealed partial class CudaBackend
{
    public void Unary(UnaryOp op, Tensor input, Tensor output, float alpha = 0f, float beta = 0f) =>
        Launch(input.Numel, kernels.Load<ArrayView<float>, ArrayView<float>, int, float, float>(ElementwiseKernels.Unary),
            View(input), View(output), (int)op, alpha, beta);

    public void UnaryBackward(UnaryOp op, Tensor input, Tensor output, Tensor dOutput, Tensor dInput, float alpha = 0f, float beta = 0f) =>
        Launch(input.Numel, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float, float>(ElementwiseKernels.UnaryBackward),
            View(input), View(output), View(dOutput), View(dInput), (int)op, alpha, beta);

    public void Binary(BinaryOp op, Tensor a, Tensor b, Tensor output) =>
        Launch(output.Numel, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<float>, Dims, Dims, Dims, int>(ElementwiseKernels.Binary),
            View(a), View(b), View(output), Dims.From(output.Shape), Dims.Broadcast(a.Shape, output.Rank), Dims.Broadcast(b.Shape, output.Rank), (int)op);

    public void DropoutMask(Tensor mask, float p, ulong seed) =>
        Launch(mask.Numel, kernels.Load<ArrayView<float>, float, ulong>(ElementwiseKernels.DropoutMask), View(mask), p, seed);
}
