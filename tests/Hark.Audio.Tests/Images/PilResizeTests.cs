using Hark.Audio.Images;
using Hark.Audio.Tests.Decoding;

namespace Hark.Audio.Tests.Images;

/// <summary>PilResize.Bilinear reproduces PIL's Image.resize(BILINEAR) exactly (fixtures saved by PIL as PNG).</summary>
public class PilResizeTests
{
    private static string Fixture(string name) => Path.Combine(DecodingFixtures.Folder, "resize", name);

    [Theory]
    [InlineData("rgb", 96, 96)]
    [InlineData("rgb", 32, 32)]
    [InlineData("rgb", 50, 70)]
    [InlineData("rgb", 64, 33)]
    [InlineData("rgb", 17, 64)]
    [InlineData("rgb", 5, 3)]
    [InlineData("gray", 96, 96)]
    [InlineData("gray", 32, 32)]
    [InlineData("gray", 50, 70)]
    [InlineData("gray", 5, 3)]
    public void MatchesPilBilinearExactly(string kind, int height, int width)
    {
        var source = PngDecoder.Read(Fixture($"source_{kind}_64x64.png"));
        var expected = PngDecoder.Read(Fixture($"pil_bilinear_{kind}_{height}x{width}.png"));
        var actual = PilResize.Bilinear(source.ToBytes8(), source.Height, source.Width, source.Channels, height, width);
        Assert.Equal(expected.ToBytes8(), actual);
    }

    [Fact]
    public void ReadPngResizedLikePilGivesRgbTensorsOfPilsPixels()
    {
        var tensor = ImageTensor.ReadPngResizedLikePil(Fixture("source_gray_64x64.png"), 96, 96);
        Assert.Equal(new[] { 3, 96, 96 }, tensor.Shape);
        var expected = PngDecoder.Read(Fixture("pil_bilinear_gray_96x96.png")).ToBytes8();
        var data = tensor.ToArray();
        for (int p = 0; p < expected.Length; p++)
        {
            Assert.Equal(expected[p] / 255f, data[p]);
            Assert.Equal(data[p], data[2 * expected.Length + p]);
        }
    }

    [Fact]
    public void BadSizesAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PilResize.Bilinear(new byte[12], 2, 2, 3, 0, 4));
        Assert.Throws<ArgumentException>(() => PilResize.Bilinear(new byte[11], 2, 2, 3, 4, 4));
    }
}
