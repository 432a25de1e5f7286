using Hark.Audio.Tests.Fuzzing;

namespace Hark.Audio.Tests.Decoding;

public class DecodedAudioChecksTests
{
    [Theory]
    [InlineData(10_000_019u)]
    [InlineData(1_000_003u)]
    [InlineData(999_999_937u)]
    [InlineData(int.MaxValue)]
    [InlineData(uint.MaxValue)]
    [InlineData(768_001u)]
    [InlineData(999u)]
    [InlineData(1u)]
    [InlineData(0u)]
    public void ASampleRateOutsideTheDocumentedRangeIsRefusedAtDecode(uint rate)
    {
        var bytes = WavBytes.Pcm16(WavBytes.Tone(200), sampleRate: rate);
        var whole = Assert.Throws<AudioDecodeException>(() => AudioFile.Decode(bytes, "odd.wav"));
        var mono = Assert.Throws<AudioDecodeException>(() => AudioFile.DecodeMonoRented(bytes, "odd.wav"));
        Assert.Equal($"declares a sample rate of {rate} Hz; Hark decodes 1000-768000 Hz", whole.Reason);
        Assert.Equal(whole.Reason, mono.Reason);
    }

    [Theory]
    [InlineData(1000u)]
    [InlineData(47_999u)]
    [InlineData(768_000u)]
    public void TheEndsOfTheRangeAndOddRatesInsideItDecode(uint rate)
    {
        var waveform = AudioFile.Decode(WavBytes.Pcm16(WavBytes.Tone(200), sampleRate: rate), "fine.wav");
        Assert.Equal((int)rate, waveform.SampleRate);
        Assert.Equal(200, waveform.Frames);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "+Inf")]
    [InlineData(float.NegativeInfinity, "-Inf")]
    public void ANonFiniteFloat32SampleIsRefusedNamingTheFirstOne(float bad, string spelled)
    {
        var samples = WavBytes.Tone(1000);
        samples[617] = bad;
        samples[900] = float.NaN;
        var bytes = WavBytes.Float32(samples);
        var whole = Assert.Throws<AudioDecodeException>(() => AudioFile.Decode(bytes, "bad.wav"));
        var mono = Assert.Throws<AudioDecodeException>(() => AudioFile.DecodeMonoRented(bytes, "bad.wav"));
        Assert.Equal("bad.wav", whole.FileName);
        Assert.Equal($"sample 617 is {spelled}; audio samples must be finite numbers within +-2^32 (--replace-bad-samples replaces them by 0)", whole.Reason);
        Assert.Equal(whole.Reason, mono.Reason);
    }

    [Fact]
    public void WithReplaceBadSamplesEveryUnusableSampleBecomesZeroAndTheRestIsUntouched()
    {
        var samples = WavBytes.Tone(1000);
        samples[3] = float.NaN;
        samples[617] = float.PositiveInfinity;
        samples[900] = -1e12f;
        var repaired = AudioFile.Decode(WavBytes.Float32(samples), "bad.wav", new AudioReadOptions { ReplaceUnusableSamples = true });
        var expected = samples.Select(x => float.IsFinite(x) && Math.Abs(x) < 1e9f ? x : 0f).ToArray();
        Assert.Equal(expected, repaired.Samples);
        var mono = AudioFile.ReadMonoRented(WriteTemp(WavBytes.Float32(samples)), new AudioReadOptions { ReplaceUnusableSamples = true });
        Assert.Equal(expected, mono.Samples.ToArray());
        mono.Dispose();
    }

    private static string WriteTemp(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hark-replace-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void AFloat64SampleTooLargeForFloat32IsRefusedWithItsFrameAndChannel()
    {
        var samples = new double[400];
        samples[301] = 1e300; // frame 150, channel 1 of a stereo file; becomes +Inf as float32
        var error = Assert.Throws<AudioDecodeException>(() => AudioFile.Decode(WavBytes.Float64(samples, channels: 2), "loud.wav"));
        Assert.Equal("sample 301 (frame 150, channel 1) is +Inf; audio samples must be finite numbers within +-2^32 (--replace-bad-samples replaces them by 0)", error.Reason);
    }

    [Fact]
    public void AFiniteFloatSampleFarBeyondAnyScalingIsRefusedAndPcmScaledFloatsAreNot()
    {
        var samples = WavBytes.Tone(1000);
        for (int i = 0; i < samples.Length; i++) samples[i] *= 2147483648f; // floats holding 32-bit PCM values
        Assert.Equal(1000, AudioFile.Decode(WavBytes.Float32(samples), "pcm-scaled.wav").Frames);
        samples[77] = 3.99e30f;
        var error = Assert.Throws<AudioDecodeException>(() => AudioFile.Decode(WavBytes.Float32(samples), "huge.wav"));
        Assert.Equal("sample 77 is 3.99E+30; audio samples must be finite numbers within +-2^32 (--replace-bad-samples replaces them by 0)", error.Reason);
    }

    [Fact]
    public void IndexOfUnusableSampleFindsTheFirstBadValueAtEveryPositionAndLength()
    {
        for (int length = 0; length <= 40; length++)
            for (int at = 0; at < length; at++)
            {
                var values = new float[length];
                for (int i = 0; i < length; i++) values[i] = (i % 2 == 0 ? 1 : -1) * DecodedAudioChecks.MaxSampleMagnitude;
                Assert.Equal(-1, DecodedAudioChecks.IndexOfUnusableSample(values));
                values[at] = (at % 4) switch { 0 => float.NaN, 1 => float.PositiveInfinity, 2 => -1e10f, _ => BitConverter.Int32BitsToSingle(0x4F800001) };
                Assert.Equal(at, DecodedAudioChecks.IndexOfUnusableSample(values));
            }
    }

    [Fact]
    public void IndexOfNonFiniteFindsTheFirstBadValueAtEveryPositionAndLength()
    {
        for (int length = 0; length <= 70; length++)
        {
            var values = new float[length];
            for (int i = 0; i < length; i++) values[i] = i * 0.5f - 3;
            Assert.Equal(-1, DecodedAudioChecks.IndexOfNonFinite(values));
            for (int at = 0; at < length; at++)
            {
                var copy = (float[])values.Clone();
                copy[at] = (at % 3) switch { 0 => float.NaN, 1 => float.PositiveInfinity, _ => float.NegativeInfinity };
                if (at + 2 < length) copy[at + 2] = float.NaN;
                Assert.Equal(at, DecodedAudioChecks.IndexOfNonFinite(copy));
            }
        }
    }

    [LibSndFileFact]
    public void ATruncatedFlacIsRefusedInsteadOfDecodingToFewerSamples()
    {
        var bytes = File.ReadAllBytes(DecodingFixtures.AudioPath("sndfile_pcm16_2ch.flac"));
        int refused = 0;
        for (int keep = bytes.Length / 4; keep < bytes.Length; keep += Math.Max(1, bytes.Length / 40))
        {
            var error = Assert.Throws<AudioDecodeException>(() => AudioFile.Decode(bytes[..keep], $"cut{keep}.flac"));
            Assert.Contains("FLAC", error.Reason);
            refused++;
        }
        Assert.True(refused >= 30, $"only {refused} truncations tried");
        Assert.True(AudioFile.Decode(bytes, "whole.flac").Frames > 0);
    }

    [LibSndFileFact]
    public void WhatLibmpg123PrintsAboutABrokenMp3BecomesPartOfTheOneLineError()
    {
        var mp3 = FuzzCorpus.Generate(DecodingFixtures.AudioFolder, perFormat: 60, seed: 18, withLibSndFile: true).Where(c => c.Format == "mp3");
        var reasons = new List<string>();
        foreach (var c in mp3)
            try { AudioFile.Decode(c.Bytes, c.Name); }
            catch (AudioDecodeException e) { reasons.Add(e.Reason); }
        var quoted = reasons.Where(r => r.Contains("(libmpg123: ")).ToList();
        Assert.NotEmpty(quoted);
        Assert.All(quoted, r => Assert.DoesNotContain('\n', r));
        Assert.All(reasons, r => Assert.DoesNotContain("File does not exist", r));
    }
}
