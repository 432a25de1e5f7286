namespace Hark.Cuda;

public sealed partial class CudaBackend
{
    public void SgdStep(Tensor parameter, Tensor gradient, Tensor? momentumBuffer, in SgdStepArguments arguments) =>
        Launch(parameter.Numel, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<float>, SgdArguments>(OptimizerKernels.Sgd),
            View(parameter), View(gradient), ViewOrPlaceholder(momentumBuffer), SgdArguments.From(arguments));

    public void AdamStep(Tensor parameter, Tensor gradient, Tensor expAvg, Tensor expAvgSq, in AdamStepArguments arguments) =>
        Launch(parameter.Numel, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamArguments>(OptimizerKernels.Adam),
            View(parameter), View(gradient), View(expAvg), View(expAvgSq), AdamArguments.From(arguments));

    public void ScaleInPlace(Tensor x, float factor) =>
        Launch(x.Numel, kernels.Load<ArrayView<float>, float>(OptimizerKernels.Scale), View(x), factor);

    public void EmaUpdate(Tensor average, Tensor value, float decay) =>
        Launch(average.Numel, kernels.Load<ArrayView<float>, ArrayView<float>, float>(OptimizerKernels.Ema), View(average), View(value), decay);
}
