namespace Hark.Tensors.Backends;

public partial interface IBackend
{
    // input and output are (outer, length, inner); the softmax runs along length
    /// <summary>output = softmax (or log-softmax when <paramref name="log"/>) of input along its middle axis, max-shifted for stability.</summary>
    void Softmax(Tensor input, Tensor output, int outer, int length, int inner, bool log);

    /// <summary>dInput += the gradient through softmax (or log-softmax) given the forward's output.</summary>
    void SoftmaxBackward(Tensor output, Tensor dOutput, Tensor dInput, int outer, int length, int inner, bool log);
}
