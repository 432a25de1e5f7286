using Hark.Audio.Augmentation;
using Hark.Audio.Spectral;

namespace Hark.Audio.Tests.Augmentation;

public class TimeStretchTests
{
    private static readonly PhaseVocoderOptions Fixture = PhaseVocoderOptions.Torchaudio;

    private static void AssertClose(float[] expected, float[] actual, double atol, double rtol)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= atol + rtol * Math.Abs(expected[i]),
                $"sample {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Theory]
    [InlineData(CenterPadding.Reflect, "stft")]
    [InlineData(CenterPadding.Constant, "stft_zeros")]
    public void StftMatchesTorchStftCentred(CenterPadding center, string name)
    {
        var stft = new ComplexStft(Fixture with { Center = center });
        var spectrogram = stft.Forward(VocoderFixtures.Get("signal"));
        var shape = VocoderFixtures.Tensor($"{name}_real").Shape;
        Assert.Equal(shape[0], spectrogram.Frames);
        Assert.Equal(shape[1], spectrogram.Bins);
        AssertClose(VocoderFixtures.Get($"{name}_real"), spectrogram.Real, 2e-4, 1e-4);
        AssertClose(VocoderFixtures.Get($"{name}_imag"), spectrogram.Imaginary, 2e-4, 1e-4);
    }

    [Theory]
    [InlineData(2001)]
    [InlineData(4096)]
    [InlineData(700)]
    public void InverseOfForwardReconstructsTheSignal(int length)
    {
        var signal = VocoderFixtures.Get("signal");
        var x = Enumerable.Range(0, length).Select(i => signal[i % signal.Length]).ToArray();
        foreach (var center in new[] { CenterPadding.Reflect, CenterPadding.Constant })
        {
            var stft = new ComplexStft(Fixture with { Center = center });
            AssertClose(x, stft.Inverse(stft.Forward(x), x.Length), 1e-5, 1e-4);
        }
    }

    [Theory]
    [InlineData("0_8", 0.8, false)]
    [InlineData("1_3", 1.3, false)]
    [InlineData("zeros_0_8", 0.8, true)]
    public void StretchMatchesTorchaudioPhaseVocoderAndIstft(string name, double rate, bool zeroPadding)
    {
        var options = zeroPadding ? Fixture with { Center = CenterPadding.Constant } : Fixture;
        var actual = TimeStretch.Apply(VocoderFixtures.Get("signal"), rate, options);
        // torchaudio accumulates phases in float32 over ~30 frames; Hark in float64.
        AssertClose(VocoderFixtures.Get($"stretch_{name}"), actual, 2e-3, 1e-3);
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(1.25)]
    [InlineData(0.5)]
    [InlineData(1.6)]
    public void AStretchedToneKeepsItsPitchAndItsLengthBecomesLengthOverRate(double rate)
    {
        const int sampleRate = 16000, length = 16000;
        var tone = Tones.Sine(440, sampleRate, length);
        var stretched = TimeStretch.Apply(tone, rate);
        Assert.Equal((int)Math.Round(length / rate, MidpointRounding.ToEven), stretched.Length);
        int quarter = stretched.Length / 4;
        double peak = Tones.PeakFrequency(stretched.AsSpan(quarter, 2 * quarter), sampleRate);
        Assert.InRange(peak, 440 * 0.99, 440 * 1.01);
        Assert.InRange(Tones.Rms(stretched.AsSpan(quarter, 2 * quarter)) / Tones.Rms(tone), 0.8, 1.2);
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(1.25)]
    public void AToneBurstEndsAtItsOriginalEndOverRate(double rate)
    {
        // 0.5 s of tone then 0.5 s of silence: the burst's end must move from 8000 to 8000 / rate samples.
        const int sampleRate = 16000;
        var burst = Tones.Sine(440, sampleRate, 16000);
        Array.Clear(burst, 8000, 8000);
        var stretched = TimeStretch.Apply(burst, rate);
        int block = 256;
        int lastLoud = -1;
        double reference = Tones.Rms(burst.AsSpan(0, 8000));
        for (int start = 0; start + block <= stretched.Length; start += block)
            if (Tones.Rms(stretched.AsSpan(start, block)) > 0.5 * reference) lastLoud = start + block;
        double expectedEnd = 8000 / rate;
        // The envelope is smeared by about one frame (2048 samples) at the edge; allow half a frame either way.
        Assert.InRange(lastLoud, expectedEnd - 1024, expectedEnd + 1024);
    }

    [Fact]
    public void ReflectIndexFoldsLikeNumpyPadReflect()
    {
        // numpy.pad(numpy.arange(3), 5, mode="reflect").
        int[] expected = [1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1];
        var actual = Enumerable.Range(-5, 13).Select(i => ComplexStft.ReflectIndex(i, 3)).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void InvalidRatesAndOptionsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeStretch.Apply(new float[100], 0));
        Assert.Contains("hop_length", Assert.Throws<ArgumentOutOfRangeException>(() => new ComplexStft(new PhaseVocoderOptions { NFft = 64, HopLength = 40 })).Message);
        Assert.Contains("center", Assert.Throws<ArgumentOutOfRangeException>(() => new ComplexStft(new PhaseVocoderOptions { Center = CenterPadding.None })).Message);
    }
}
