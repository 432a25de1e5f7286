using Hark.Tensors;

namespace Hark.Features.Tests.Augmentation;

internal static class BatchFixtures
{
    /// <summary>A [batch, channels, mels, frames] tensor of distinct, non-zero values (Gaussian from the seed, plus an offset).</summary>
    public static Tensor Random(ulong seed, int batch, int channels, int mels, int frames, float offset = 0f)
    {
        var generator = new Generator(seed);
        var data = new float[batch * channels * mels * frames];
        for (int i = 0; i < data.Length; i++) data[i] = (float)generator.NextGaussian() + offset;
        return Tensor.FromArray(data, batch, channels, mels, frames);
    }

    /// <summary>Value at (b, c, m, t) equal to a unique code, so moved elements can be traced.</summary>
    public static Tensor Coded(int batch, int channels, int mels, int frames)
    {
        var data = new float[batch * channels * mels * frames];
        for (int i = 0; i < data.Length; i++) data[i] = i + 1;
        return Tensor.FromArray(data, batch, channels, mels, frames);
    }

    public static float At(Tensor x, int b, int c, int m, int t) =>
        x.Span[((b * x.Shape[1] + c) * x.Shape[2] + m) * x.Shape[3] + t];
}
