using Hark.Tensors;

namespace Hark.Audio.Images;

/// <summary>Per-channel (x - mean) / std on [channels, height, width] images, as torchvision.transforms.Normalize.</summary>
public static class ImageNormalization
{
    /// <summary>The ImageNet statistics torchvision's pretrained models expect (RGB order).</summary>
    public static readonly float[] ImageNetMean = [0.485f, 0.456f, 0.406f];
    public static readonly float[] ImageNetStd = [0.229f, 0.224f, 0.225f];

    public static Tensor ImageNet(Tensor image) => Normalize(image, ImageNetMean, ImageNetStd);

    public static Tensor Normalize(Tensor image, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(image);
        ShapeException.Check(image.Rank == 3 && image.Shape[0] == mean.Count && mean.Count == std.Count,
            "ImageNormalization.Normalize", $"an image [{mean.Count}, height, width] matching {mean.Count} means and {std.Count} stds", image);
        var data = image.ToArray();
        int plane = image.Shape[1] * image.Shape[2];
        for (int c = 0; c < mean.Count; c++)
        {
            if (!(std[c] > 0)) throw new ArgumentOutOfRangeException(nameof(std), $"ImageNormalization.Normalize: std[{c}] = {std[c]}; it must be positive");
            float m = mean[c], s = std[c];
            foreach (ref float v in data.AsSpan(c * plane, plane)) v = (v - m) / s;
        }
        return Tensor.FromArray(data, image.Shape);
    }
}
