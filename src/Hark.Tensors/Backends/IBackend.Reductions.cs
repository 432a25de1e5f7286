namespace Hark.Tensors.Backends;

public partial interface IBackend
{
    /// <summary>
    /// output (+)= scale * sum of input over the axes where output has size 1 and input does not.
    /// output has input's rank; each of its dimensions equals input's or is 1.
    /// </summary>
    void SumTo(Tensor input, Tensor output, float scale, bool accumulate);

    /// <summary>
    /// output (+)= scale * input broadcast to output's shape: the adjoint of <see cref="SumTo"/>.
    /// input has output's rank; each of its dimensions equals output's or is 1.
    /// </summary>
    void BroadcastTo(Tensor input, Tensor output, float scale, bool accumulate);

    // input is (outer, length, inner), values is (outer, inner)
    /// <summary>values = the maximum of input along its middle axis (NaN wins, as in PyTorch).</summary>
    void MaxAlongAxis(Tensor input, Tensor values, int outer, int length, int inner);

    /// <summary>dInput += dValues at the first position along the axis where input equals the maximum.</summary>
    void MaxAlongAxisBackward(Tensor input, Tensor values, Tensor dValues, Tensor dInput, int outer, int length, int inner);
}
