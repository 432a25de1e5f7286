namespace Hark.Audio.Tests.Decoding;

public class DecodeErrorTests
{
    [Fact]
    public void ATextFileNamedWavIsRejectedByContentNamingTheFile()
    {
        string path = DecodingFixtures.AudioPath("not_audio_text.wav");
        var error = Assert.Throws<AudioDecodeException>(() => AudioFile.Read(path));
        Assert.Equal(path, error.FileName);
        Assert.Contains("not a recognised audio file", error.Reason);
        Assert.Contains("looks like text", error.Reason);
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void AnEmptyFileIsRejected()
    {
        var error = Assert.Throws<AudioDecodeException>(() => AudioFile.Read(new MemoryStream(), "empty.wav"));
        Assert.Equal("empty.wav", error.FileName);
        Assert.Contains("empty file", error.Reason);
    }

    [Theory]
    [InlineData(4, "not a recognised audio file")]
    [InlineData(14, "no fmt chunk")]
    [InlineData(20, "fmt chunk at byte 12 runs past the end")]
    [InlineData(40, "no data chunk")]
    public void AWavTruncatedInsideItsHeaderIsRejected(int keep, string reason)
    {
        var bytes = File.ReadAllBytes(DecodingFixtures.AudioPath("wav_s16_2ch.wav"))[..keep];
        var error = Assert.Throws<AudioDecodeException>(() => AudioFile.Decode(bytes, "cut.wav"));
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void AWavHeaderWithZeroChannelsOrRateIsRejected()
    {
        var bytes = File.ReadAllBytes(DecodingFixtures.AudioPath("wav_s16_1ch.wav"));
        var noChannels = (byte[])bytes.Clone();
        noChannels[22] = 0;
        Assert.Contains("0 channels", Assert.Throws<AudioDecodeException>(() => AudioFile.Decode(noChannels, "x.wav")).Reason);
        var noRate = (byte[])bytes.Clone();
        noRate[24] = noRate[25] = 0;
        Assert.Contains("sample rate of 0", Assert.Throws<AudioDecodeException>(() => AudioFile.Decode(noRate, "x.wav")).Reason);
    }

    [Theory]
    [InlineData("sndfile_pcm16_2ch.flac", "FLAC")]
    [InlineData("sndfile_vorbis_2ch.ogg", "Ogg")]
    [InlineData("sndfile_mp3_1ch.mp3", "MP3")]
    [InlineData("sndfile_pcm16_2ch.aiff", "AIFF")]
    [InlineData("sndfile_ulaw_1ch.wav", "WAV (format tag 0x0007)")]
    public void WithoutLibsndfileTheErrorNamesTheFileTheFormatAndTheLibrary(string name, string format)
    {
        Assert.Null(LibSndFile.TryLoad(["libsndfile-that-does-not-exist.so.9"]));
        var error = Assert.Throws<AudioDecodeException>(() =>
            AudioFile.Decode(File.ReadAllBytes(DecodingFixtures.AudioPath(name)), name, libSndFile: null));
        Assert.Equal(name, error.FileName);
        Assert.Contains($"{format} needs libsndfile", error.Reason);
        Assert.Contains("apt-get install libsndfile1", error.Reason);
    }

    [Fact]
    public void WithoutLibsndfileManagedWavStillDecodes()
    {
        var waveform = AudioFile.Decode(File.ReadAllBytes(DecodingFixtures.AudioPath("wav_s24_3ch.wav")), "x.wav", libSndFile: null);
        Assert.Equal(3, waveform.Channels);
    }

    [LibSndFileFact]
    public void LibsndfileErrorsNameTheFileAndTheFormat()
    {
        byte[] bogusFlac = [.. "fLaC"u8, .. new byte[60]];
        var error = Assert.Throws<AudioDecodeException>(() => AudioFile.Decode(bogusFlac, "bogus.flac"));
        Assert.Equal("bogus.flac", error.FileName);
        Assert.Contains("libsndfile could not open it as FLAC", error.Reason);
    }

    [Fact]
    public void AMissingFileIsAnIoErrorNamingIt()
    {
        var error = Assert.ThrowsAny<IOException>(() => AudioFile.Read("/nonexistent/clip.wav"));
        Assert.Contains("/nonexistent/clip.wav", error.Message);
    }
}
