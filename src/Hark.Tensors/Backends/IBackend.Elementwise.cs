namespace Hark.Tensors.Backends;

public partial interface IBackend
{
    /// <summary>output = f(input) elementwise; <paramref name="alpha"/>/<paramref name="beta"/> parameterise f (see <see cref="UnaryOp"/>).</summary>
    void Unary(UnaryOp op, Tensor input, Tensor output, float alpha = 0f, float beta = 0f);

    /// <summary>dInput += dOutput * f'(input); <paramref name="output"/> is f(input) as the forward wrote it (some derivatives read it).</summary>
    void UnaryBackward(UnaryOp op, Tensor input, Tensor output, Tensor dOutput, Tensor dInput, float alpha = 0f, float beta = 0f);

    /// <summary>output = a op b, with a and b broadcast (PyTorch rules, already checked) to output's shape.</summary>
    void Binary(BinaryOp op, Tensor a, Tensor b, Tensor output);

    /// <summary>mask[i] = <see cref="CounterRandom.DropoutMask"/>(seed, i, p): the same mask on every backend.</summary>
    void DropoutMask(Tensor mask, float p, ulong seed);
}
