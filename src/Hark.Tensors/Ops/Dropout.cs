namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Inverted dropout (torch.nn.functional.dropout): in training each element is zeroed with probability p and the
    /// rest scaled by 1/(1-p); otherwise x itself is returned. The mask is made on x's device from a seed drawn
    /// from <paramref name="generator"/> (<see cref="Backends.CounterRandom"/>) and kept by the multiply for the backward.
    /// </summary>
    public static Tensor Dropout(Tensor x, float p, bool training, Generator generator)
    {
        if (!(p >= 0f && p <= 1f))
            throw new ArgumentOutOfRangeException(nameof(p), p, $"Dropout: p must lie in [0, 1]; got {p} for shape {ShapeException.Format(x.Shape)}");
        ArgumentNullException.ThrowIfNull(generator);
        if (!training || p == 0f) return x;
        var mask = Tensor.Empty(x.Shape, x.Device);
        x.Backend.DropoutMask(mask, p, ((ulong)generator.NextUInt32() << 32) | generator.NextUInt32());
        return Mul(x, mask);
    }
}
