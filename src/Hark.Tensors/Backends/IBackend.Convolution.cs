namespace Hark.Tensors.Backends;

/// <summary>2-D convolution (im2col + GEMM on the CPU), the kernel family behind Ops.Conv2d.</summary>
public partial interface IBackend
{
    /// <summary>
    /// output = conv2d(input, weight) + bias; shapes as in <paramref name="geometry"/>; output is overwritten. A non-null
    /// <paramref name="activationSlope"/> fuses a following LeakyReLU with that negative slope (0: ReLU): output is the
    /// activation of the convolution, which is never stored (an inference path: it has no backward of its own).
    /// </summary>
    void Conv2dForward(Tensor input, Tensor weight, Tensor? bias, Tensor output, in Conv2dGeometry geometry, float? activationSlope = null);

    /// <summary>
    /// output = max_pool2d(leaky_relu(conv2d(input, weight) + bias, activationSlope), 2): Conv2dForward with the activation
    /// followed by MaxPool2d(2) (2x2 windows, stride 2, an odd last row or column dropped), so the full-size activation need
    /// never be stored; output [N, Cout, OH / 2, OW / 2] for the convolution's OH x OW. An inference path, like the activation's.
    /// </summary>
    void Conv2dActivationMaxPoolForward(Tensor input, Tensor weight, Tensor? bias, Tensor output, in Conv2dGeometry geometry, float activationSlope);

    /// <summary>
    /// Adds the gradients of a convolution into whichever of dInput, dWeight, dBias are given (null = not wanted); without
    /// <paramref name="accumulateInput"/> dInput is overwritten rather than added into.
    /// </summary>
    void Conv2dBackward(Tensor input, Tensor weight, Tensor dOutput, Tensor? dInput, bool accumulateInput, Tensor? dWeight, Tensor? dBias, in Conv2dGeometry geometry);
}
