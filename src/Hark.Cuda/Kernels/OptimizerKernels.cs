using ILGPU.Algorithms;

namespace Hark.Cuda.Kernels;

/// <summary>In-place parameter updates, one thread per element, in the float32 operation order of the CPU's reference loops (torch.optim's single-tensor path).</summary>
public static class OptimizerKernels
{
    public static void Sgd(Index1D i, ArrayView<float> parameter, ArrayView<float> gradient, ArrayView<float> momentumBuffer, SgdArguments a)
    {
        float d = a.Maximize != 0 ? -gradient[i] : gradient[i];
        if (a.WeightDecay != 0f) d += a.WeightDecay * parameter[i];
        if (a.Momentum != 0f)
        {
            float buffer = a.FirstStep != 0 ? d : momentumBuffer[i] * a.Momentum + (1f - a.Dampening) * d;
            momentumBuffer[i] = buffer;
            d = a.Nesterov != 0 ? d + a.Momentum * buffer : buffer;
        }
        parameter[i] += -a.LearningRate * d;
    }

    public static void Adam(Index1D i, ArrayView<float> parameter, ArrayView<float> gradient, ArrayView<float> expAvg, ArrayView<float> expAvgSq, AdamArguments a)
    {
        float p = parameter[i] * a.DecoupledDecayFactor;
        float g = a.Maximize != 0 ? -gradient[i] : gradient[i];
        if (a.WeightDecay != 0f) g += a.WeightDecay * p;
        float m = expAvg[i] * a.Beta1 + (1f - a.Beta1) * g;
        float v = expAvgSq[i] * a.Beta2 + (1f - a.Beta2) * (g * g);
        expAvg[i] = m;
        expAvgSq[i] = v;
        float denom = XMath.Sqrt(v) / a.BiasCorrection2Sqrt + a.Eps;
        parameter[i] = p + -a.StepSize * (m / denom);
    }

    public static void Scale(Index1D i, ArrayView<float> x, float factor) => x[i] *= factor;

    public static void Ema(Index1D i, ArrayView<float> average, ArrayView<float> value, float decay) =>
        average[i] = decay * average[i] + (1f - decay) * value[i];
}
