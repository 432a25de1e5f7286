using System.Buffers.Binary;
using Hark.Audio.Images;

namespace Hark.Audio.Tests.Images;

public class PngDecoderTests
{
    [Theory]
    [MemberData(nameof(ImageFixtures.PngNames), MemberType = typeof(ImageFixtures))]
    public void EveryFixtureDecodesToPilsPixelsExactly(string name)
    {
        var image = PngDecoder.Read(ImageFixtures.PngPath(name));
        var (pixels, mode) = ImageFixtures.Pil(name);
        Assert.Equal(pixels.Shape, new[] { image.Height, image.Width, image.Channels });
        // PIL keeps 16-bit gray at full precision (mode I); every other mode is 8-bit, as ToBytes8 reduces them.
        var ours = mode == "I" ? image.Samples.Select(v => (float)v).ToArray() : image.ToBytes8().Select(v => (float)v).ToArray();
        Assert.Equal(pixels.ToArray(), ours);
        Assert.Equal(name.Contains("adam7"), image.Interlaced);
    }

    [Fact]
    public void SixteenBitSamplesKeepFullPrecision()
    {
        var image = PngDecoder.Read(ImageFixtures.PngPath("rgb_16bit.png"));
        Assert.Equal(16, image.BitDepth);
        Assert.Equal(65535, image.MaxValue);
        Assert.Equal(65535, image.Samples[0]);
        Assert.Contains(image.Samples, v => (v & 0xFF) != 0);
        Assert.NotNull(PngDecoder.Read(ImageFixtures.PngPath("rgb_16bit_trns_key.png")).TransparentColor);
    }

    [Fact]
    public void PaletteWithTrnsExpandsToRgbaAndWithoutToRgb()
    {
        Assert.Equal(4, PngDecoder.Read(ImageFixtures.PngPath("palette_8bit_trns.png")).Channels);
        Assert.Equal(3, PngDecoder.Read(ImageFixtures.PngPath("palette_4bit.png")).Channels);
    }

    [Fact]
    public void ACorruptedByteFailsTheCrcCheckNamingTheChunk()
    {
        var bytes = File.ReadAllBytes(ImageFixtures.PngPath("rgb_8bit.png"));
        bytes[50] ^= 0x10;
        var error = Assert.Throws<ImageDecodeException>(() => PngDecoder.Decode(bytes, "bad.png"));
        Assert.Equal("bad.png", error.FileName);
        Assert.Contains("CRC mismatch in chunk 'IDAT'", error.Reason);
    }

    [Theory]
    [InlineData(0, "empty file")]
    [InlineData(5, "not a PNG file")]
    [InlineData(20, "truncated PNG")]
    [InlineData(60, "truncated PNG")]
    public void TruncatedFilesAreRejected(int keep, string reason)
    {
        var bytes = File.ReadAllBytes(ImageFixtures.PngPath("rgb_8bit.png"))[..keep];
        Assert.Contains(reason, Assert.Throws<ImageDecodeException>(() => PngDecoder.Decode(bytes, "cut.png")).Reason);
    }

    [Fact]
    public void AMissingIendIsATruncation()
    {
        var bytes = File.ReadAllBytes(ImageFixtures.PngPath("gray_8bit.png"));
        Assert.Contains("before IEND", Assert.Throws<ImageDecodeException>(() => PngDecoder.Decode(bytes[..^12], "x.png")).Reason);
    }

    [Fact]
    public void InvalidHeaderValuesAreRejected()
    {
        var bytes = File.ReadAllBytes(ImageFixtures.PngPath("rgb_8bit.png"));
        bytes[24] = 4; // RGB at 4 bits
        FixCrc(bytes, 8);
        Assert.Contains("colour type 2 with bit depth 4", Assert.Throws<ImageDecodeException>(() => PngDecoder.Decode(bytes, "x.png")).Reason);
    }

    [Fact]
    public void AnUnknownCriticalChunkIsRejectedAndAncillaryOnesAreSkipped()
    {
        var bytes = File.ReadAllBytes(ImageFixtures.PngPath("gray_8bit.png"));
        byte[] chunk(string type) { var c = new byte[12]; System.Text.Encoding.ASCII.GetBytes(type).CopyTo(c, 4); FixCrc(c, 0); return c; }
        byte[] with(string type) => [.. bytes[..33], .. chunk(type), .. bytes[33..]];
        Assert.Contains("unknown critical chunk 'ABCD'", Assert.Throws<ImageDecodeException>(() => PngDecoder.Decode(with("ABCD"), "x.png")).Reason);
        Assert.Equal(PngDecoder.Decode(bytes, "x.png").Samples, PngDecoder.Decode(with("abCD"), "x.png").Samples);
    }

    [Fact]
    public void AHeaderClaimingMorePixelsThanTheDataCanHoldIsRejectedBeforeAllocating()
    {
        var bytes = File.ReadAllBytes(ImageFixtures.PngPath("rgb_8bit.png"));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), 20000);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), 20000);
        FixCrc(bytes, 8);
        Assert.Contains("IDAT chunks hold only", Assert.Throws<ImageDecodeException>(() => PngDecoder.Decode(bytes, "x.png")).Reason);
    }

    [Fact]
    public void Crc32MatchesTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    // Recomputes the CRC of the chunk starting at byte offset `at` after a test edits it.
    private static void FixCrc(byte[] bytes, int at)
    {
        int length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
        uint crc = Crc32.Compute(bytes.AsSpan(at + 4, 4 + length));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at + 8 + length), crc);
    }
}
