namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Stochastic depth (torchvision.ops.stochastic_depth, mode "row"; timm's drop_path): in training each sample of
    /// x [batch, ...] is zeroed with probability p and the others scaled by 1/(1-p), one draw per sample from
    /// <paramref name="generator"/>; otherwise x itself is returned. Applied to a residual branch it drops the whole block.
    /// </summary>
    public static Tensor DropPath(Tensor x, float p, bool training, Generator generator)
    {
        if (!DropsAnything("DropPath", x, p, training, generator)) return x;
        ShapeException.Check(x.Rank >= 1, "DropPath", "a batch [batch, ...]", x);
        float survival = 1f - p;
        var keep = new float[x.Shape[0]];
        // torchvision divides by the survival rate only when it is positive: with p = 1 every sample is zero
        for (int i = 0; i < keep.Length; i++) keep[i] = generator.NextFloat() < survival ? 1f / survival : 0f;
        var maskShape = new int[x.Rank];
        Array.Fill(maskShape, 1);
        maskShape[0] = keep.Length;
        return Mul(x, Tensor.FromArray(keep, maskShape).To(x.Device));
    }
}
