namespace Hark.Tensors.Backends;

/// <summary>2-D max and average pooling over [planes, height, width] inputs, windows given by <see cref="PoolWindows"/>.</summary>
public partial interface IBackend
{
    /// <summary>output[p, i, j] = max over window (i, j) of input[p]; planes = batch x channels.</summary>
    void MaxPool2dForward(Tensor input, Tensor output, PoolWindows windows);

    /// <summary>
    /// Adds dOutput into dInput at each window's first maximum (recomputed from input, as PyTorch picks it); without
    /// <paramref name="accumulate"/> dInput is overwritten (every element, zeros where no window sends a gradient).
    /// </summary>
    void MaxPool2dBackward(Tensor input, Tensor dOutput, Tensor dInput, PoolWindows windows, bool accumulate);

    /// <summary>output[p, i, j] = sum over window (i, j) of input[p] / (RowDivisor[i] * ColumnDivisor[j]).</summary>
    void AvgPool2dForward(Tensor input, Tensor output, PoolWindows windows);

    /// <summary>Spreads each dOutput cell evenly (same divisor as the forward) into dInput, adding.</summary>
    void AvgPool2dBackward(Tensor dOutput, Tensor dInput, PoolWindows windows);
}
