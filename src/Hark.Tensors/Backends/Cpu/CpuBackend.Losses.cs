using Hark.Tensors.Backends.Cpu.Reference;

namespace Hark.Tensors.Backends.Cpu;

internal sealed partial class CpuBackend
{
    // batch x classes is a few thousand elements per step: the plain kernel is already negligible next to the network
    public void ClassIndexCrossEntropy(Tensor logProbabilities, int[] targets, Tensor? weight, float labelSmoothing, Tensor loss) =>
        ReferenceLosses.ClassIndexCrossEntropy<float>(logProbabilities.Span, targets, weight is null ? default : weight.Span, labelSmoothing, loss.Span);

    public void ClassIndexCrossEntropyBackward(Tensor dLoss, int[] targets, Tensor? weight, float labelSmoothing, Tensor dLogProbabilities) =>
        ReferenceLosses.ClassIndexCrossEntropyBackward<float>(dLoss.Span, targets, weight is null ? default : weight.Span, labelSmoothing, dLogProbabilities.Span);
}
