namespace Hark.Cuda.Kernels;

/// <summary>Sizes and switches of one batch-norm call, as a kernel argument (flags as ints): input viewed as [Batch, Channels, Spatial].</summary>
public struct BatchNormShape
{
    public int Batch, Channels, Spatial;
    public int HasWeight, HasBias, HasRunningMean, HasRunningVar;
    public int Activation, Training, AccumulateInput, WantWeight, WantBias;
    public float ActivationSlope, Momentum, Eps;
}
