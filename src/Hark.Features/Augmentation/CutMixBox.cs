using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>A rectangle [MelStart, MelEnd) x [FrameStart, FrameEnd) pasted by CutMix.</summary>
public readonly record struct CutMixBox(int MelStart, int MelEnd, int FrameStart, int FrameEnd)
{
    public int Area => (MelEnd - MelStart) * (FrameEnd - FrameStart);

    /// <summary>
    /// timm's rand_bbox with no margin: cut sides int(size * sqrt(1 - lam)), centre (mel, then frame) uniform over the
    /// image, half-sides floor(cut / 2) on each side of the centre, clipped to the image.
    /// </summary>
    public static CutMixBox Draw(Generator generator, int mels, int frames, double lambda)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (mels < 1 || frames < 1) throw new ArgumentOutOfRangeException(nameof(mels), $"CutMixBox.Draw: expected a non-empty image; got {mels} x {frames}");
        double ratio = Math.Sqrt(1.0 - lambda);
        int cutMels = (int)(mels * ratio), cutFrames = (int)(frames * ratio);
        int centreMel = generator.NextInt(mels), centreFrame = generator.NextInt(frames);
        return new CutMixBox(
            Math.Clamp(centreMel - cutMels / 2, 0, mels), Math.Clamp(centreMel + cutMels / 2, 0, mels),
            Math.Clamp(centreFrame - cutFrames / 2, 0, frames), Math.Clamp(centreFrame + cutFrames / 2, 0, frames));
    }

    /// <summary>timm's correct_lam: the share of the image that keeps the original sample, 1 - area / (mels * frames).</summary>
    public double AdjustedLambda(int mels, int frames) => 1.0 - (double)Area / ((double)mels * frames);
}
