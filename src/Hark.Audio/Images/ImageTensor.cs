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

    /// <summary>8-bit pixels (height x width x channels, interleaved, e.g. from <see cref="PilResize"/>) as [channels, height, width] / 255.</summary>
    public static Tensor FromBytes8(ReadOnlySpan<byte> pixels, int height, int width, int channels)
    {
        if (height <= 0 || width <= 0 || channels <= 0 || pixels.Length != (long)height * width * channels)
            throw new ArgumentException($"ImageTensor.FromBytes8: {pixels.Length} bytes for a {height}x{width}x{channels} image");
        var data = new float[pixels.Length];
        int plane = height * width;
        for (int p = 0; p < plane; p++)
            for (int c = 0; c < channels; c++) data[c * plane + p] = pixels[p * channels + c] / 255f;
        return Tensor.FromArray(data, channels, height, width);
    }

    /// <summary>
    /// A PNG as torchvision's Compose([Resize((height, width)), ToTensor()]) sees it after PIL's open().convert("RGB"):
    /// RGB bytes, PIL's bilinear resize, then [3, height, width] / 255.
    /// </summary>
    public static Tensor ReadPngResizedLikePil(string path, int height, int width)
    {
        var image = PngDecoder.Read(path);
        var resized = PilResize.Bilinear(image.ToRgbBytes8(), image.Height, image.Width, 3, height, width);
        return FromBytes8(resized, height, width, 3);
    }

    /// <summary>Reads a PNG file straight to a [channels, height, width] tensor.</summary>
    public static Tensor ReadPng(string path, ImageChannels channels = ImageChannels.Rgb) => FromPng(PngDecoder.Read(path), channels);
}
