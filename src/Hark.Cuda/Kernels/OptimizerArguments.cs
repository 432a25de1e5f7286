namespace Hark.Cuda.Kernels;

/// <summary><see cref="SgdStepArguments"/> as a kernel argument (flags as ints).</summary>
public struct SgdArguments
{
    public float LearningRate, Momentum, Dampening, WeightDecay;
    public int Nesterov, Maximize, FirstStep;

    public static SgdArguments From(in SgdStepArguments a) => new()
    {
        LearningRate = a.LearningRate, Momentum = a.Momentum, Dampening = a.Dampening, WeightDecay = a.WeightDecay,
        Nesterov = a.Nesterov ? 1 : 0, Maximize = a.Maximize ? 1 : 0, FirstStep = a.FirstStep ? 1 : 0,
    };
}

/// <summary><see cref="AdamStepArguments"/> as a kernel argument (flags as ints).</summary>
public struct AdamArguments
{
    public float Beta1, Beta2, Eps, WeightDecay, DecoupledDecayFactor, StepSize, BiasCorrection2Sqrt;
    public int Maximize;

    public static AdamArguments From(in AdamStepArguments a) => new()
    {
        Beta1 = a.Beta1, Beta2 = a.Beta2, Eps = a.Eps, WeightDecay = a.WeightDecay, DecoupledDecayFactor = a.DecoupledDecayFactor,
        StepSize = a.StepSize, BiasCorrection2Sqrt = a.BiasCorrection2Sqrt, Maximize = a.Maximize ? 1 : 0,
    };
}
