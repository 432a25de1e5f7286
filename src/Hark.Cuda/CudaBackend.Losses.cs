namespace Hark.Cuda;

public sealed partial class CudaBackend
{
    public void ClassIndexCrossEntropy(Tensor logProbabilities, int[] targets, Tensor? weight, float labelSmoothing, Tensor loss)
    {
        if (targets.Length == 0) return;
        using var onDevice = Targets(targets);
        Launch(targets.Length, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float, ArrayView<float>>(LossKernels.CrossEntropy),
            View(logProbabilities), onDevice.View, ViewOrPlaceholder(weight), weight is null ? 0 : 1, logProbabilities.Numel / targets.Length, labelSmoothing, View(loss));
    }

    public void ClassIndexCrossEntropyBackward(Tensor dLoss, int[] targets, Tensor? weight, float labelSmoothing, Tensor dLogProbabilities)
    {
        if (targets.Length == 0) return;
        using var onDevice = Targets(targets);
        Launch(targets.Length, kernels.Load<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float, ArrayView<float>>(LossKernels.CrossEntropyBackward),
            View(dLoss), onDevice.View, ViewOrPlaceholder(weight), weight is null ? 0 : 1, dLogProbabilities.Numel / targets.Length, labelSmoothing, View(dLogProbabilities));
    }

    /// <summary>Class indices on the device as floats (exact below 2^24), so they share the float memory pool.</summary>
    private Scratch Targets(int[] targets)
    {
        var scratch = Temporary(targets.Length);
        Bind();
        scratch.View.CopyFromCPU(Stream, Array.ConvertAll(targets, t => (float)t));
        return scratch;
    }
}
