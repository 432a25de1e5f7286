using Hark.Audio.Augmentation;
using Hark.Audio.Resampling;

namespace Hark.Audio.Tests.Augmentation;

public class PitchShiftTests
{
    [Theory]
    [InlineData("up12", 12)]
    [InlineData("down12", -12)]
    public void MatchesTorchaudioPitchShiftWhereItsResamplingRatioIsExact(string name, int steps)
    {
        var actual = PitchShift.Apply(VocoderFixtures.Get("signal"), steps, 12, PhaseVocoderOptions.Torchaudio, ResamplerOptions.Torchaudio);
        var expected = VocoderFixtures.Get($"pitch_{name}");
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 2e-3 + 1e-3 * Math.Abs(expected[i]), $"sample {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(-5.0)]
    [InlineData(1.5)]
    [InlineData(7.0)]
    public void AToneMovesByTwoToTheStepsOverTwelve(double steps)
    {
        const int sampleRate = 16000, length = 16000;
        var tone = Tones.Sine(440, sampleRate, length);
        var shifted = PitchShift.Apply(tone, steps);
        Assert.Equal(length, shifted.Length);
        double expected = 440 * Math.Pow(2, steps / 12);
        double peak = Tones.PeakFrequency(shifted.AsSpan(length / 4, length / 2), sampleRate);
        Assert.InRange(peak / expected, 0.99, 1.01);
        Assert.InRange(Tones.Rms(shifted.AsSpan(length / 4, length / 2)) / Tones.Rms(tone), 0.8, 1.2);
    }

    [Theory]
    [InlineData(0.8908987181403393, 890, 999)]
    [InlineData(0.6299605249474366, 492, 781)]
    [InlineData(0.5009, 278, 555)]
    [InlineData(0.7071067811865476, 408, 577)]
    [InlineData(0.5, 1, 2)]
    public void RatioEqualsPythonFractionLimitDenominator(double value, int numerator, int denominator)
    {
        // Below 1 the numerator is the smaller term, so bounding both terms is Python's Fraction(value).limit_denominator(1000).
        Assert.Equal((numerator, denominator), PitchShift.Ratio(value));
    }

    [Fact]
    public void RatioStaysWithinFiveTenThousandthsOverAnOctaveEitherWay()
    {
        for (double steps = -12; steps <= 12; steps += 0.01)
        {
            double value = Math.Pow(2, -steps / 12);
            var (p, q) = PitchShift.Ratio(value);
            Assert.InRange(p, 1, PitchShift.MaxRatioTerm);
            Assert.InRange(q, 1, PitchShift.MaxRatioTerm);
            Assert.True(Math.Abs((double)p / q - value) / value < 5e-4, $"{p}/{q} for {value}");
        }
    }

    [Fact]
    public void APreparedResamplerGivesTheSameResultAndAMismatchedOneIsRefused()
    {
        var tone = Tones.Sine(300, 8000, 2000);
        var stft = new ComplexStft(PhaseVocoderOptions.Torchaudio);
        var prepared = PitchShift.Apply(tone, 2.5, 12, stft, PitchShift.CreateResampler(2.5));
        Assert.Equal(PitchShift.Apply(tone, 2.5, 12, PhaseVocoderOptions.Torchaudio), prepared);
        Assert.Throws<ArgumentException>(() => PitchShift.Apply(tone, 3, 12, stft, PitchShift.CreateResampler(2.5)));
    }

    [Fact]
    public void ZeroStepsIsTheIdentity()
    {
        var tone = Tones.Sine(300, 8000, 1000);
        Assert.Equal(tone, PitchShift.Apply(tone, 0));
    }
}
