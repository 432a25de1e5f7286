namespace Hark.Tensors.Backends;

/// <summary>
/// One kernel of <see cref="IBackend"/>, named after its member: what <see cref="IBackend.Supports"/> is asked about.
/// Allocation, <see cref="IBackend.Fill"/> and <see cref="IBackend.Copy"/> are not listed: every backend has them.
/// </summary>
public enum BackendKernel
{
    AddInPlace,
    Unary,
    UnaryBackward,
    Binary,
    Gemm,
    AddRowBias,
    AccumulateColumnSums,
    Permute,
    CopyRegion,
    SumTo,
    BroadcastTo,
    MaxAlongAxis,
    MaxAlongAxisBackward,
    Softmax,
    SoftmaxBackward,
    ClassIndexCrossEntropy,
    ClassIndexCrossEntropyBackward,
    BatchNormForwardTraining,
    BatchNormForwardInference,
    BatchNormBackward,
    MaxPool2dForward,
    MaxPool2dBackward,
    AvgPool2dForward,
    AvgPool2dBackward,
    Conv2dForward,
    Conv2dBackward,
    Conv2dActivationMaxPoolForward,
    DropoutMask,
    SgdStep,
    AdamStep,
    PowerSum,
    ScaleInPlace,
    EmaUpdate,
}
