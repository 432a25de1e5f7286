using Hark.Tensors;

namespace Hark.Audio.Images;

/// <summary>
/// Images as float tensors laid out [channels, height, width] with values in [0, 1] (sample / max sample value),
/// the layout torchvision's ToTensor produces (it divides, as ToTensor does, so 8-bit images match it bit for bit).
/// </summary>
public static class ImageTensor
{
    public static Tensor FromPng(PngImage image, ImageChannels channels = ImageChannels.AsStored)
    {
        ArgumentNullException.ThrowIfNull(image);
        int outChannels = channels == ImageChannels.Rgb ? 3 : image.Channels;
        int pixels = image.Width * image.Height;
        var data = new float[outChannels * pixels];
        float max = image.MaxValue;
        for (int c = 0; c < outChannels; c++)
        {
            // Gray (1-2 channels) feeds every RGB plane from channel 0; alpha is never read for RGB.
            int source = channels == ImageChannels.Rgb && image.Channels <= 2 ? 0 : c;
            var plane = data.AsSpan(c * pixels, pixels);
            for (int p = 0; p < pixels; p++) plane[p] = image.Samples[p * image.Channels + source] / max;
        }
        return Tensor.FromArray(data, outChannels, image.Height, image.Width);
    }

    /// <summary>Reads a PNG file straight to a [channels, height, width] tensor.</summary>
    public static Tensor ReadPng(string path, ImageChannels channels = ImageChannels.Rgb) => FromPng(PngDecoder.Read(path), channels);
}
