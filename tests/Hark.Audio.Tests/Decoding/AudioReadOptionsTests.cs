using Hark.Audio.Cropping;
using Hark.Audio.FrontEnds;
using Hark.Audio.Resampling;
using Hark.Audio.Tests.Fixtures;
using Hark.Audio.Tests.Fuzzing;

namespace Hark.Audio.Tests.Decoding;

public class AudioReadOptionsTests
{
    private static string WriteTemp(byte[] bytes, string name)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("hark-read-").FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData(16000u, 1)]
    [InlineData(44100u, 2)]
    [InlineData(47999u, 1)]
    [InlineData(8000u, 2)]
    public void AStartCroppedFrontEndGetsTheSameFeaturesFromTheLeadingSpanAsFromTheWholeFile(uint rate, int channels)
    {
        var frontEnd = new FrontEnd(FrontEnd.Torchaudio with { Length = LengthPolicy.PadOrTrim(1.0) });
        var samples = new float[(int)rate * 7 * channels];
        var generator = new Hark.Tensors.Generator(3);
        for (int i = 0; i < samples.Length; i++) samples[i] = (float)(generator.NextDouble() - 0.5);
        var path = WriteTemp(WavBytes.Pcm16(samples, channels, rate), "long.wav");
        using var whole = AudioFile.ReadMonoRented(path);
        using var leading = AudioFile.ReadMonoRented(path, frontEnd.ReadOptions());
        Assert.True(leading.Samples.Length < whole.Samples.Length / 3, $"read {leading.Samples.Length} of {whole.Samples.Length} frames");
        Assert.Equal(whole.Samples[..leading.Samples.Length].ToArray(), leading.Samples.ToArray());
        Assert.Equal(frontEnd.Apply(whole.Samples, whole.SampleRate).ToArray(), frontEnd.Apply(leading.Samples, leading.SampleRate).ToArray());
    }

    [Fact]
    public void InputLengthForCoversEveryOutputItPromisesAcrossRates()
    {
        var x = DspFixtures.Noise(30000, 7);
        foreach (var (orig, target) in new[] { (44100, 16000), (8000, 32000), (47999, 16000), (22050, 32000), (96000, 22050) })
        {
            var resampler = new Resampler(orig, target);
            var full = resampler.Resample(x);
            foreach (int wanted in new[] { 1, 7, 8, 9, 100, 1001 })
            {
                int length = (int)resampler.InputLengthFor(wanted);
                var part = resampler.Resample(x.AsSpan(0, length));
                Assert.Equal(full.AsSpan(0, wanted).ToArray(), part.AsSpan(0, wanted).ToArray());
            }
        }
    }

    [Fact]
    public void AFileOverTheDurationLimitIsRefusedBeforeItsSamplesAreDecoded()
    {
        var bytes = WavBytes.Pcm16(new float[16000 * 90]);
        var options = new AudioReadOptions { MaxDurationSeconds = 60 };
        var path = WriteTemp(bytes, "ninety.wav");
        foreach (var error in new[]
        {
            Assert.Throws<AudioDecodeException>(() => AudioFile.Decode(bytes, path, options)),
            Assert.Throws<AudioDecodeException>(() => AudioFile.ReadMonoRented(path, options)),
            Assert.Throws<AudioDecodeException>(() => AudioFile.Read(path, options)),
        })
        {
            Assert.Equal(path, error.FileName);
            Assert.Equal("lasts 90.0 s; the limit is 60 s (--max-duration)", error.Reason);
        }
        Assert.Equal(16000 * 90, AudioFile.Decode(bytes, path, new AudioReadOptions { MaxDurationSeconds = 90 }).Frames);
    }

    [LibSndFileFact]
    public void LibsndfileFormatsHonourTheDurationLimitAndTheLeadingSpan()
    {
        var path = DecodingFixtures.AudioPath("sndfile_pcm16_2ch.flac");
        var whole = AudioFile.Read(path);
        var error = Assert.Throws<AudioDecodeException>(() => AudioFile.Read(path, new AudioReadOptions { MaxDurationSeconds = whole.Duration / 2 }));
        Assert.Contains("(--max-duration)", error.Reason);
        var leading = AudioFile.Read(path, new AudioReadOptions { LeadingFrames = _ => 100 });
        Assert.Equal(100, leading.Frames);
        Assert.Equal(whole.Samples.AsSpan(0, 200).ToArray(), leading.Samples);
    }
}
