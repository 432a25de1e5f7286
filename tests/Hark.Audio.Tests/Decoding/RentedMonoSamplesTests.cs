namespace Hark.Audio.Tests.Decoding;

/// <summary><see cref="AudioFile.DecodeMonoRented(ReadOnlySpan{byte}, string)"/> gives exactly what <see cref="AudioFile.Decode(ReadOnlySpan{byte}, string)"/> then <see cref="Waveform.ToMono"/> give.</summary>
public class RentedMonoSamplesTests
{
    public static TheoryData<string> ManagedWavFiles => DecodingFixtures.Names(n => n.StartsWith("wav_") || n.StartsWith("wavex_") || n.StartsWith("layout_") && !DecodingFixtures.HoldsNoFrames(n));

    public static TheoryData<string> SndFileFiles => DecodingFixtures.Names(n => n.StartsWith("sndfile_"));

    [Theory]
    [MemberData(nameof(ManagedWavFiles))]
    public void ManagedWavDecodesToTheDownmixOfTheWaveform(string name) => AssertSameAsDecodeThenMono(name);

    [LibSndFileTheory]
    [MemberData(nameof(SndFileFiles))]
    public void LibsndfileFormatsDecodeToTheDownmixOfTheWaveform(string name) => AssertSameAsDecodeThenMono(name);

    [Fact]
    public void SamplesAreRefusedAfterDisposeAndDisposingTwiceIsHarmless()
    {
        var mono = AudioFile.ReadMonoRented(DecodingFixtures.AudioPath("wav_s16_2ch.wav"));
        Assert.True(mono.Samples.Length > 0);
        mono.Dispose();
        mono.Dispose();
        Assert.Throws<ObjectDisposedException>(() => mono.Samples.Length);
    }

    [Fact]
    public void BadFilesGetTheDecodersErrorNamingTheFile()
    {
        var e = Assert.Throws<AudioDecodeException>(() => AudioFile.DecodeMonoRented("RIFF\0\0\0\0WAVEfmt "u8, "cut.wav"));
        Assert.Contains("cut.wav", e.Message);
        Assert.Throws<AudioDecodeException>(() => AudioFile.DecodeMonoRented([], "empty.wav"));
    }

    [Fact]
    public void DownmixMayWriteOverTheStartOfItsInput()
    {
        float[] samples = [1f, 0f, 0.5f, 0.5f, 0.5f, -1f, -1f, -1f, 0.5f];
        float[] expected = [0.5f, 0f, -0.5f];
        Waveform.Downmix(samples, 3, samples.AsSpan(0, 3));
        Assert.Equal(expected, samples[..3]);
        Assert.Throws<ArgumentException>(() => Waveform.Downmix(new float[5], 2, new float[2]));
    }

    private static void AssertSameAsDecodeThenMono(string name)
    {
        var bytes = File.ReadAllBytes(DecodingFixtures.AudioPath(name));
        var expected = AudioFile.Decode(bytes, name).ToMono();
        using var mono = AudioFile.DecodeMonoRented(bytes, name);
        Assert.Equal(expected.SampleRate, mono.SampleRate);
        Assert.Equal(expected.Samples, mono.Samples.ToArray());
    }
}
