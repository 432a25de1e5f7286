namespace Hark.Audio.Tests.Decoding;

public class AudioFormatSnifferTests
{
    [Theory]
    [InlineData("wav_s16_1ch.wav", AudioContainer.Wav)]
    [InlineData("sndfile_rf64_pcm24_2ch.wav", AudioContainer.WavRelative)]
    [InlineData("sndfile_w64_float_2ch.w64", AudioContainer.WavRelative)]
    [InlineData("sndfile_pcm16_2ch.aiff", AudioContainer.Aiff)]
    [InlineData("sndfile_float_1ch.aifc", AudioContainer.Aiff)]
    [InlineData("sndfile_pcm16_2ch.flac", AudioContainer.Flac)]
    [InlineData("sndfile_vorbis_2ch.ogg", AudioContainer.Ogg)]
    [InlineData("sndfile_mp3_1ch.mp3", AudioContainer.Mp3)]
    [InlineData("sndfile_pcm16_1ch.au", AudioContainer.OtherSndFile)]
    [InlineData("not_audio_text.wav", AudioContainer.Unknown)]
    public void ContainersAreRecognisedByTheirFirstBytes(string name, AudioContainer container)
    {
        Assert.Equal(container, AudioFormatSniffer.Sniff(File.ReadAllBytes(DecodingFixtures.AudioPath(name))));
    }

    [Fact]
    public void MpegFrameSyncWithoutId3IsMp3AndInvalidHeadersAreNot()
    {
        Assert.Equal(AudioContainer.Mp3, AudioFormatSniffer.Sniff([0xFF, 0xFB, 0x90, 0x64]));
        Assert.Equal(AudioContainer.Unknown, AudioFormatSniffer.Sniff([0xFF, 0xFB, 0xF0, 0x64]));
        Assert.Equal(AudioContainer.Unknown, AudioFormatSniffer.Sniff([0xFF, 0xF9, 0x90, 0x64]));
    }

    [Fact]
    public void BinaryHeadsAreDescribedInHex()
    {
        Assert.Equal("first bytes 0x0001FF", AudioFormatSniffer.DescribeHead([0x00, 0x01, 0xFF]));
        Assert.Contains("looks like text", AudioFormatSniffer.DescribeHead("hello\n"u8));
    }

    [LibSndFileFact]
    public void TheExtensionIsIgnoredAFlacNamedWavDecodesAsFlac()
    {
        var bytes = File.ReadAllBytes(DecodingFixtures.AudioPath("sndfile_pcm16_2ch.flac"));
        var waveform = AudioFile.Read(new MemoryStream(bytes), "misnamed.wav");
        Assert.Equal(AudioFile.Read(DecodingFixtures.AudioPath("sndfile_pcm16_2ch.flac")).Samples, waveform.Samples);
    }

    [Fact]
    public void ReadingAStreamConsumesItFromItsPosition()
    {
        var bytes = File.ReadAllBytes(DecodingFixtures.AudioPath("wav_s16_2ch.wav"));
        var stream = new MemoryStream([.. new byte[5], .. bytes]) { Position = 5 };
        Assert.Equal(37, AudioFile.Read(stream, "offset.wav").Frames);
        Assert.Equal(stream.Length, stream.Position);
        var buffered = new BufferedStream(new MemoryStream(bytes));
        Assert.Equal(37, AudioFile.Read(buffered, "buffered.wav").Frames);
    }
}
