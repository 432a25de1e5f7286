namespace Hark.Models;

/// <summary>How <see cref="KerasCnn"/> starts its convolution and dense weights.</summary>
public enum KerasCnnInit
{
    /// <summary>Keras' defaults: Glorot-uniform kernels, zero biases.</summary>
    Keras,

    /// <summary>PyTorch's layer defaults: kaiming_uniform(a=sqrt(5)) weights, biases U(±1/sqrt(fan_in)) (a torch port of the model).</summary>
    Torch,
}
