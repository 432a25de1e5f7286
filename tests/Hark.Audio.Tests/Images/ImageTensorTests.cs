using Hark.Audio.Images;
using Hark.Tensors;

namespace Hark.Audio.Tests.Images;

public class ImageTensorTests
{
    [Fact]
    public void RgbPngBecomesChannelsHeightWidthDividedBy255()
    {
        var image = PngDecoder.Read(ImageFixtures.PngPath("rgb_8bit.png"));
        var tensor = ImageTensor.FromPng(image);
        Assert.Equal(new[] { 3, image.Height, image.Width }, tensor.Shape);
        var data = tensor.ToArray();
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < image.Height; y++)
                for (int x = 0; x < image.Width; x++)
                    Assert.Equal(image.Samples[(y * image.Width + x) * 3 + c] / 255f, data[(c * image.Height + y) * image.Width + x]);
    }

    [Fact]
    public void RgbLayoutReplicatesGrayAndDropsAlpha()
    {
        var gray = PngDecoder.Read(ImageFixtures.PngPath("gray_alpha_16bit.png"));
        var rgb = ImageTensor.FromPng(gray, ImageChannels.Rgb).ToArray();
        int plane = gray.Width * gray.Height;
        Assert.Equal(3 * plane, rgb.Length);
        for (int p = 0; p < plane; p++)
        {
            Assert.Equal(gray.Samples[2 * p] / 65535f, rgb[p]);
            Assert.Equal(rgb[p], rgb[plane + p]);
            Assert.Equal(rgb[p], rgb[2 * plane + p]);
        }
        Assert.Equal(2, ImageTensor.FromPng(gray).Shape[0]);
    }

    [Fact]
    public void RgbBytesMatchPilsConvertRgbForPaletteAndGray()
    {
        var palette = PngDecoder.Read(ImageFixtures.PngPath("palette_8bit_trns.png"));
        var (pixels, _) = ImageFixtures.Pil("palette_8bit_trns.png");
        var pil = pixels.ToArray();
        var rgb = palette.ToRgbBytes8();
        for (int p = 0; p < palette.Width * palette.Height; p++)
            for (int c = 0; c < 3; c++) Assert.Equal(pil[4 * p + c], rgb[3 * p + c]);
        var gray = PngDecoder.Read(ImageFixtures.PngPath("gray_4bit.png")).ToRgbBytes8();
        Assert.Equal(gray[0], gray[1]);
    }

    [Theory]
    [InlineData(7, 9)]
    [InlineData(13, 17)]
    [InlineData(20, 31)]
    [InlineData(13, 5)]
    [InlineData(4, 40)]
    [InlineData(1, 1)]
    [InlineData(26, 6)]
    public void ResizeMatchesTorchInterpolateBilinearWithAndWithoutAntialias(int height, int width)
    {
        var input = ImageFixtures.Resize("input");
        foreach (var (filter, antialias) in new[] { (ResizeFilter.Bilinear, "False"), (ResizeFilter.BilinearAntialiased, "True") })
        {
            var expected = ImageFixtures.Resize($"{height}x{width}_antialias={antialias}");
            var actual = ImageResize.Resize(input, height, width, filter);
            Assert.Equal(expected.Shape, actual.Shape);
            AssertClose(expected.ToArray(), actual.ToArray(), 2e-6f, $"{filter} {height}x{width}");
        }
    }

    [Theory]
    [InlineData(7, 9)]
    [InlineData(20, 31)]
    public void AntialiasedResizeIsWithinOneLevelOfPils8bitBilinear(int height, int width)
    {
        var actual = ImageResize.Resize(ImageFixtures.Resize("input_8bit"), height, width, ResizeFilter.BilinearAntialiased);
        AssertClose(ImageFixtures.Resize($"pil_bilinear_{height}x{width}").ToArray(), actual.ToArray(), 1f / 255 + 1e-6f, "PIL");
    }

    [Fact]
    public void ResizeRejectsNonImagesAndEmptySizes()
    {
        Assert.Throws<ShapeException>(() => ImageResize.Resize(Tensor.Zeros(4, 4), 2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageResize.Resize(Tensor.Zeros(1, 4, 4), 0, 2));
    }

    [Fact]
    public void ImageNetNormalisationSubtractsMeanAndDividesByStdPerChannel()
    {
        var image = Tensor.FromArray([0.485f, 1f, 0.456f, 0f, 0.406f, 0.5f], 3, 1, 2);
        var normalised = ImageNormalization.ImageNet(image).ToArray();
        Assert.Equal(0f, normalised[0]);
        Assert.Equal((1f - 0.485f) / 0.229f, normalised[1]);
        Assert.Equal(0f, normalised[2]);
        Assert.Equal((0f - 0.456f) / 0.224f, normalised[3]);
        Assert.Equal((0.5f - 0.406f) / 0.225f, normalised[5]);
        Assert.Throws<ShapeException>(() => ImageNormalization.ImageNet(Tensor.Zeros(1, 2, 2)));
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance, string what)
    {
        float worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst <= tolerance, $"{what}: max |diff| {worst:G6} > {tolerance:G6}");
    }
}
