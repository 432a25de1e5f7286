namespace Hark.Cuda;

public sealed partial class CudaBackend
{
    public void BatchNormForwardTraining(Tensor input, Tensor? weight, Tensor? bias, Tensor output, Tensor savedMean, Tensor savedInvStd,
        Tensor? runningMean, Tensor? runningVar, float momentum, float eps, float? activationSlope)
    {
        var s = Shape(input, savedMean.Numel, weight, bias, activationSlope);
        s.HasRunningMean = runningMean is null ? 0 : 1;
        s.HasRunningVar = runningVar is null ? 0 : 1;
        s.Momentum = momentum;
        s.Eps = eps;
        Launch(s.Channels, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, BatchNormShape>(NormalizationKernels.Statistics),
            View(input), View(savedMean), View(savedInvStd), ViewOrPlaceholder(runningMean), ViewOrPlaceholder(runningVar), s);
        Normalize(input, weight, bias, output, savedMean, savedInvStd, s);
    }

    public void BatchNormForwardInference(Tensor input, Tensor runningMean, Tensor runningVar, Tensor? weight, Tensor? bias, Tensor output,
        Tensor savedMean, Tensor savedInvStd, float eps, float? activationSlope)
    {
        var s = Shape(input, savedMean.Numel, weight, bias, activationSlope);
        Launch(s.Channels, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, float>(NormalizationKernels.RunningStatistics),
            View(runningMean), View(runningVar), View(savedMean), View(savedInvStd), eps);
        Normalize(input, weight, bias, output, savedMean, savedInvStd, s);
    }

    public void BatchNormBackward(Tensor input, Tensor? weight, Tensor? bias, Tensor savedMean, Tensor savedInvStd, Tensor dOutput,
        Tensor? dInput, bool accumulateInput, Tensor? dWeight, Tensor? dBias, bool training, float? activationSlope)
    {
        var s = Shape(input, savedMean.Numel, weight, bias, activationSlope);
        s.Training = training ? 1 : 0;
        s.AccumulateInput = accumulateInput ? 1 : 0;
        s.WantWeight = dWeight is null ? 0 : 1;
        s.WantBias = dBias is null ? 0 : 1;
        using var sums = Temporary(2 * s.Channels);
        Launch(s.Channels, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
                ArrayView<float>, ArrayView<float>, ArrayView<float>, BatchNormShape>(NormalizationKernels.BackwardSums),
            View(input), View(dOutput), View(savedMean), View(savedInvStd), ViewOrPlaceholder(weight), ViewOrPlaceholder(bias), sums.View,
            ViewOrPlaceholder(dWeight), ViewOrPlaceholder(dBias), s);
        if (dInput is null) return;
        Launch(input.Numel, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
                ArrayView<float>, ArrayView<float>, BatchNormShape>(NormalizationKernels.BackwardInput),
            View(input), View(dOutput), View(savedMean), View(savedInvStd), ViewOrPlaceholder(weight), ViewOrPlaceholder(bias), sums.View, View(dInput), s);
    }

    private void Normalize(Tensor input, Tensor? weight, Tensor? bias, Tensor output, Tensor mean, Tensor invStd, BatchNormShape s) =>
        Launch(input.Numel, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
                BatchNormShape>(NormalizationKernels.Normalize),
            View(input), View(output), View(mean), View(invStd), ViewOrPlaceholder(weight), ViewOrPlaceholder(bias), s);

    private static BatchNormShape Shape(Tensor input, int channels, Tensor? weight, Tensor? bias, float? activationSlope)
    {
        int batch = input.Shape[0], spatial = channels == 0 || batch == 0 ? 1 : input.Numel / (batch * channels);
        return new BatchNormShape
        {
            Batch = batch, Channels = channels, Spatial = spatial,
            HasWeight = weight is null ? 0 : 1, HasBias = bias is null ? 0 : 1,
            Activation = activationSlope is null ? 0 : 1, ActivationSlope = activationSlope ?? 0f,
        };
    }
}
