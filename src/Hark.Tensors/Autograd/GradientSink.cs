namespace Hark.Tensors.Autograd;

/// <summary>Hands a backward function the gradient buffers of its node's inputs, created as zeros on first use (or uninitialised for a first write).</summary>
public sealed class GradientSink
{
    private readonly Tensor[] inputs;
    private readonly Dictionary<Tensor, Tensor> pending;

    internal GradientSink(Tensor[] inputs, Dictionary<Tensor, Tensor> pending)
    {
        this.inputs = inputs;
        this.pending = pending;
    }

    /// <summary>Whether input <paramref name="index"/> needs a gradient; skip the work when it does not.</summary>
    public bool Wants(int index) => inputs[index].RequiresGrad;

    /// <summary>The gradient accumulator of input <paramref name="index"/>, shaped like it; add into it.</summary>
    public Tensor Buffer(int index)
    {
        var input = Wanted(index);
        if (input.IsLeaf)
            return input.Grad ??= MemoryScope.Persist(Tensor.ZerosLike(input));
        if (!pending.TryGetValue(input, out var buffer))
            pending[input] = buffer = Tensor.ZerosLike(input);
        return buffer;
    }

    /// <summary>
    /// When nothing has been added for input <paramref name="index"/> yet, its gradient buffer uninitialised: the caller must
    /// write every element (this saves zeroing it and reading the zeros back). Null when the buffer already holds a
    /// contribution; then add into <see cref="Buffer"/>.
    /// </summary>
    public Tensor? FirstWriteBuffer(int index)
    {
        var input = Wanted(index);
        if (input.IsLeaf)
            return input.Grad is null ? input.Grad = MemoryScope.Persist(Tensor.EmptyLike(input)) : null;
        if (pending.ContainsKey(input)) return null;
        var buffer = Tensor.EmptyLike(input);
        pending[input] = buffer;
        return buffer;
    }

    private Tensor Wanted(int index)
    {
        var input = inputs[index];
        if (!input.RequiresGrad)
            throw new InvalidOperationException($"input {index} ({input}) does not require a gradient; check Wants({index}) first");
        return input;
    }
}
