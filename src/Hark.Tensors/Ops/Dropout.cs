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
        if (!DropsAnything("Dropout", x, p, training, generator)) return x;
        var mask = Tensor.Empty(x.Shape, x.Device);
        x.Backend.DropoutMask(mask, p, ((ulong)generator.NextUInt32() << 32) | generator.NextUInt32());
        return Mul(x, mask);
    }

    /// <summary>Checks a drop probability and generator (Dropout, DropPath) and says whether anything is dropped: only in training with p &gt; 0.</summary>
    private static bool DropsAnything(string op, Tensor x, float p, bool training, Generator generator)
    {
        if (!(p >= 0f && p <= 1f))
            throw new ArgumentOutOfRangeException(nameof(p), p, $"{op}: p must lie in [0, 1]; got {p} for shape {ShapeException.Format(x.Shape)}");
        ArgumentNullException.ThrowIfNull(generator);
        return training && p != 0f;
    }
}