namespace Hark.Tensors.Backends;

/// <summary>Hyperparameters of one SGD update (torch.optim.SGD, single-tensor path), already resolved to float32.</summary>
/// <param name="FirstStep">True on a parameter's first step with momentum: the buffer is set to the gradient, not decayed.</param>
public readonly record struct SgdStepArguments(
    float LearningRate, float Momentum, float Dampening, float WeightDecay, bool Nesterov, bool Maximize, bool FirstStep);

/// <summary>
/// Hyperparameters of one Adam/AdamW update (torch.optim.Adam / AdamW, single-tensor path). The optimiser computes
/// the bias corrections in double precision as Python does and hands the kernel float32 values.
/// </summary>
/// <param name="WeightDecay">L2 penalty added to the gradient (Adam); 0 for AdamW.</param>
/// <param name="DecoupledDecayFactor">AdamW's parameter multiplier 1 - lr * weight_decay, applied first; 1 for Adam.</param>
/// <param name="StepSize">lr / (1 - beta1^t).</param>
/// <param name="BiasCorrection2Sqrt">sqrt(1 - beta2^t).</param>
public readonly record struct AdamStepArguments(
    float Beta1, float Beta2, float Eps, float WeightDecay, float DecoupledDecayFactor, float StepSize, float BiasCorrection2Sqrt, bool Maximize);

/// <summary>The in-place parameter updates of optimisers, gradient clipping and weight averaging.</summary>
public partial interface IBackend
{
    /// <summary>One SGD step on <paramref name="parameter"/> (in place); <paramref name="momentumBuffer"/> is required when momentum is not 0.</summary>
    void SgdStep(Tensor parameter, Tensor gradient, Tensor? momentumBuffer, in SgdStepArguments arguments);

    /// <summary>One Adam/AdamW step on <paramref name="parameter"/>, updating both moment estimates in place.</summary>
    void AdamStep(Tensor parameter, Tensor gradient, Tensor expAvg, Tensor expAvgSq, in AdamStepArguments arguments);

    /// <summary>sum |x|^p over all elements for finite p, max |x| for p = +infinity, accumulated in double precision.</summary>
    double PowerSum(Tensor x, double p);

    /// <summary>x *= factor, in place.</summary>
    void ScaleInPlace(Tensor x, float factor);

    /// <summary>average = decay * average + (1 - decay) * value, in place (an exponential moving average step).</summary>
    void EmaUpdate(Tensor average, Tensor value, float decay);
}
