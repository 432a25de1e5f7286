namespace Hark.Tensors.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void SgdStep(Tensor parameter, Tensor gradient, Tensor? momentumBuffer, in SgdStepArguments arguments) =>
        OptimizerKernels.SgdVectorized(parameter.Span, gradient.Span, momentumBuffer is null ? default : momentumBuffer.Span, arguments);

    public void AdamStep(Tensor parameter, Tensor gradient, Tensor expAvg, Tensor expAvgSq, in AdamStepArguments arguments) =>
        OptimizerKernels.AdamVectorized(parameter.Span, gradient.Span, expAvg.Span, expAvgSq.Span, arguments);

    public double PowerSum(Tensor x, double p) => OptimizerKernels.PowerSum(x.Span, p);

    public void ScaleInPlace(Tensor x, float factor) =>
        System.Numerics.Tensors.TensorPrimitives.Multiply(x.Span, factor, x.Span);

    public void EmaUpdate(Tensor average, Tensor value, float decay) =>
        OptimizerKernels.EmaVectorized(average.Span, value.Span, decay);
}
