using Hark.Tensors;

namespace Hark.Audio.Tests.Decoding;

public class PcmConversionTests
{
    [Fact]
    public void VectorisedPcm16EqualsTheReferenceForEveryTailLength()
    {
        var generator = new Generator(7);
        for (int length = 0; length <= 257; length++)
        {
            // An odd byte offset checks unaligned loads as well.
            var bytes = new byte[2 * length + 1];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)generator.NextInt(256);
            if (length > 2) { bytes[1] = 0x00; bytes[2] = 0x80; bytes[3] = 0xFF; bytes[4] = 0x7F; }
            var fast = new float[length];
            var reference = new float[length];
            PcmConversion.Pcm16(bytes.AsSpan(1), fast);
            PcmConversion.Pcm16Reference(bytes.AsSpan(1), reference);
            Assert.Equal(reference, fast);
        }
    }

    [Fact]
    public void ScalingMatchesLibsndfileAtTheExtremes()
    {
        var f = new float[2];
        PcmConversion.Pcm16([0x00, 0x80, 0xFF, 0x7F], f);
        Assert.Equal([-1f, 32767f / 32768f], f);
        PcmConversion.Pcm8Unsigned([0x00, 0xFF], f);
        Assert.Equal([-1f, 127f / 128f], f);
        PcmConversion.Pcm24([0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F], f);
        Assert.Equal([-1f, 8388607f / 8388608f], f);
        PcmConversion.Pcm32([0x00, 0x00, 0x00, 0x80, 0x01, 0x00, 0x00, 0x00], f);
        Assert.Equal([-1f, 1f / 2147483648f], f);
    }

    [Fact]
    public void ShortSourceIsRejected()
    {
        Assert.Throws<ArgumentException>(() => PcmConversion.Pcm24(new byte[5], new float[2]));
    }
}
