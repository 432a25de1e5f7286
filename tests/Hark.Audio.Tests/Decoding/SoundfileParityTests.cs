namespace Hark.Audio.Tests.Decoding;

/// <summary>Every fixture decodes to the samples soundfile reads (float32) from the same file, within one LSB of its encoding.</summary>
public class SoundfileParityTests
{
    public static TheoryData<string> ManagedWavFiles =>
        DecodingFixtures.Names(n => (n.StartsWith("wav_") || n.StartsWith("wavex_") || n.StartsWith("layout_")) && DecodingFixtures.SoundfileRead(n) is not null && !DecodingFixtures.HoldsNoFrames(n));

    public static TheoryData<string> SndFileFiles => DecodingFixtures.Names(n => n.StartsWith("sndfile_"));

    [Theory]
    [MemberData(nameof(ManagedWavFiles))]
    public void ManagedWavMatchesSoundfileWithinOneLsb(string name)
    {
        var waveform = AudioFile.Decode(File.ReadAllBytes(DecodingFixtures.AudioPath(name)), name, libSndFile: null);
        AssertMatchesSoundfile(name, waveform, OneLsb(name));
    }

    [LibSndFileTheory]
    [MemberData(nameof(SndFileFiles))]
    public void LibsndfileFormatsMatchSoundfile(string name)
    {
        // The same library decodes both sides, so lossy formats (Vorbis, MP3) must agree too.
        AssertMatchesSoundfile(name, AudioFile.Read(DecodingFixtures.AudioPath(name)), 1e-6f);
    }

    [Theory]
    [InlineData("layout_data_before_fmt.wav")]
    [InlineData("layout_odd_chunk_unpadded.wav")]
    public void LayoutsSoundfileRejectsDecodeToTheWrittenSamples(string name)
    {
        Assert.Null(DecodingFixtures.SoundfileRead(name));
        var expected = DecodingFixtures.Intended(name);
        var waveform = AudioFile.Read(DecodingFixtures.AudioPath(name));
        Assert.Equal(expected.Shape, new[] { waveform.Frames, waveform.Channels });
        Assert.Equal(expected.ToArray(), waveform.Samples);
    }

    [Theory]
    [InlineData("layout_empty_data.wav")]
    [InlineData("layout_data_size_zero_then_samples.wav")]
    public void FilesSoundfileReadsAsZeroFramesAreRefusedWithTheOneMessage(string name)
    {
        Assert.True(DecodingFixtures.HoldsNoFrames(name));
        var bytes = File.ReadAllBytes(DecodingFixtures.AudioPath(name));
        var whole = Assert.Throws<AudioDecodeException>(() => AudioFile.Read(DecodingFixtures.AudioPath(name)));
        var mono = Assert.Throws<AudioDecodeException>(() => AudioFile.DecodeMonoRented(bytes, name));
        Assert.Equal(DecodedAudioChecks.NoSamplesReason, whole.Reason);
        Assert.Equal(DecodedAudioChecks.NoSamplesReason, mono.Reason);
    }

    private static float OneLsb(string name) =>
        name.Contains("_u8_") ? 1f / 128 : name.Contains("_s24_") || name.Contains("s20in24") ? 1f / (1 << 23)
        : name.Contains("_s32_") ? 1f / (1L << 31) : name.Contains("_f32_") || name.Contains("_f64_") ? 0f : 1f / 32768;

    private static void AssertMatchesSoundfile(string name, Waveform waveform, float tolerance)
    {
        var (expected, rate) = DecodingFixtures.SoundfileRead(name)!.Value;
        Assert.Equal(rate, waveform.SampleRate);
        Assert.Equal(expected.Shape, new[] { waveform.Frames, waveform.Channels });
        var want = expected.ToArray();
        float worst = 0f;
        for (int i = 0; i < want.Length; i++) worst = Math.Max(worst, Math.Abs(want[i] - waveform.Samples[i]));
        Assert.True(worst <= tolerance, $"{name}: max |hark - soundfile| = {worst:G9} > {tolerance:G9}");
    }
}
