namespace Hark.Tensors.Backends;

public partial interface IBackend
{
    // logProbabilities is (batch, classes); targets, loss and dLoss are (batch); weight is (classes) or null
    /// <summary>
    /// loss[i] = (1 - s) * -w[t_i] logp[i, t_i] + s / classes * -sum_c w[c] logp[i, c], the per-sample cross entropy
    /// with label smoothing s as torch.nn.functional.cross_entropy defines it. Targets are already validated.
    /// </summary>
    void ClassIndexCrossEntropy(Tensor logProbabilities, int[] targets, Tensor? weight, float labelSmoothing, Tensor loss);

    /// <summary>dLogProbabilities += the gradient of <see cref="ClassIndexCrossEntropy"/> given dLoss per sample.</summary>
    void ClassIndexCrossEntropyBackward(Tensor dLoss, int[] targets, Tensor? weight, float labelSmoothing, Tensor dLogProbabilities);
}
