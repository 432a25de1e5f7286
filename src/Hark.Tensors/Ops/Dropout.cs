using Hark.Tensors.Backends;
namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Inverted dropout (torch.nn.functional.dropout): in training each element is zeroed with probability p and the
    /// rest scaled by 1/(1-p); otherwise x itself is returned. The mask is drawn from <paramref name="generator"/>
    /// and kept by the multiply for the backward.
    /// </summary>
    public static Tensor Dropout(Tensor x, float p, bool training, Generator generator)
    {
        if (!(p >= 0f && p <= 1f))
            throw new ArgumentOutOfRangeException(nameof(p), p, $"Dropout: p must lie in [0, 1]; got {p} for shape {ShapeException.Format(x.Shape)}");
        ArgumentNullException.ThrowIfNull(generator);
        if (!training || p == 0f) return x;
        float keep = p == 1f ? 0f : 1f / (1f - p);
        var mask = new float[x.Numel];
        for (int i = 0; i < mask.Length; i++) mask[i] = generator.NextFloat() < p ? 0f : keep;
        return Mul(x, new Tensor(new CpuStorage(mask), x.Shape).To(x.Device));
    }
}
