namespace Hark.Tensors.Backends;

/// <summary>
/// Batch normalisation over inputs viewed as [batch, channels, spatial] (spatial = 1 for [N, C], L for [N, C, L],
/// H*W for [N, C, H, W]), the kernel family behind Ops.BatchNorm and Ops.BatchNormActivation.
/// A non-null <c>activationSlope</c> fuses a following LeakyReLU with that negative slope (0: ReLU) into the same passes:
/// the output is the activation of the normalised value, which is never stored, and backward recomputes the sign it needs.
/// </summary>
public partial interface IBackend
{
    /// <summary>
    /// Normalises with the batch's statistics, writes their mean and 1/sqrt(var + eps) per channel to savedMean and
    /// savedInvStd, and, when running stats are given, blends them in place: running = (1 - momentum) * running +
    /// momentum * batch, using the unbiased variance as PyTorch does.
    /// </summary>
    void BatchNormForwardTraining(Tensor input, Tensor? weight, Tensor? bias, Tensor output, Tensor savedMean, Tensor savedInvStd,
        Tensor? runningMean, Tensor? runningVar, float momentum, float eps, float? activationSlope);

    /// <summary>Normalises with the running statistics; also writes the mean and 1/sqrt(var + eps) it used to savedMean/savedInvStd.</summary>
    void BatchNormForwardInference(Tensor input, Tensor runningMean, Tensor runningVar, Tensor? weight, Tensor? bias, Tensor output,
        Tensor savedMean, Tensor savedInvStd, float eps, float? activationSlope);

    /// <summary>
    /// Adds the gradients into whichever of dInput, dWeight, dBias are given. With <paramref name="training"/> the statistics
    /// depend on the input (full batch-norm backward); otherwise they are constants. With an activation, bias is the
    /// forward's (it places the normalised values, whose signs gate dOutput). Without <paramref name="accumulateInput"/>
    /// dInput is overwritten rather than added into.
    /// </summary>
    void BatchNormBackward(Tensor input, Tensor? weight, Tensor? bias, Tensor savedMean, Tensor savedInvStd, Tensor dOutput,
        Tensor? dInput, bool accumulateInput, Tensor? dWeight, Tensor? dBias, bool training, float? activationSlope);
}
