using Hark.Audio.Augmentation;
using Hark.Tensors;

namespace Hark.Audio.Tests.Augmentation;

public class WaveformAugmentationTests
{
    [Fact]
    public void GainScalesAmplitudeByTenToTheGainOverTwenty()
    {
        var x = Tones.Sine(100, 8000, 800);
        var y = (float[])x.Clone();
        WaveformGain.Apply(y, -6);
        for (int i = 0; i < x.Length; i++) Assert.Equal(x[i] * Math.Pow(10, -6.0 / 20), y[i], 1e-6);
        Assert.Equal(-6, 20 * Math.Log10(Tones.Rms(y) / Tones.Rms(x)), 1e-4);
    }

    [Theory]
    [InlineData(3, ShiftMode.Roll, new float[] { 6, 7, 8, 1, 2, 3, 4, 5 })]
    [InlineData(-3, ShiftMode.Roll, new float[] { 4, 5, 6, 7, 8, 1, 2, 3 })]
    [InlineData(11, ShiftMode.Roll, new float[] { 6, 7, 8, 1, 2, 3, 4, 5 })]
    [InlineData(3, ShiftMode.Zero, new float[] { 0, 0, 0, 1, 2, 3, 4, 5 })]
    [InlineData(-3, ShiftMode.Zero, new float[] { 4, 5, 6, 7, 8, 0, 0, 0 })]
    [InlineData(9, ShiftMode.Zero, new float[] { 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void ShiftMovesSamplesLaterByTheShift(int shift, ShiftMode mode, float[] expected)
    {
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8];
        WaveformShift.Apply(x, shift, mode);
        Assert.Equal(expected, x);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(6.0)]
    [InlineData(20.0)]
    [InlineData(-3.0)]
    public void WhiteNoiseLandsOnTheTargetSnr(double snrDb)
    {
        var clean = Tones.Sine(440, 16000, 8000, amplitude: 0.3);
        var noisy = (float[])clean.Clone();
        NoiseAtSnr.AddWhite(noisy, snrDb, new Generator(2));
        var noise = noisy.Select((v, i) => v - clean[i]).ToArray();
        double measured = 10 * Math.Log10(NoiseAtSnr.MeanSquare(clean) / NoiseAtSnr.MeanSquare(noise));
        Assert.InRange(measured, snrDb - 0.5, snrDb + 0.5);
        Assert.InRange(noise.Average(), -0.05, 0.05);
    }

    [Fact]
    public void MixingARecordingScalesItToTheSnrAndSilenceStaysSilent()
    {
        var clean = Tones.Sine(440, 16000, 4000);
        var background = Tones.Sine(97, 16000, 4000, amplitude: 2.0);
        var mixed = (float[])clean.Clone();
        NoiseAtSnr.Mix(mixed, background, 12);
        var added = mixed.Select((v, i) => v - clean[i]).ToArray();
        Assert.Equal(12, 10 * Math.Log10(NoiseAtSnr.MeanSquare(clean) / NoiseAtSnr.MeanSquare(added)), 0.01);

        var silence = new float[100];
        NoiseAtSnr.AddWhite(silence, 10, new Generator(1));
        Assert.All(silence, v => Assert.Equal(0f, v));
        Assert.Throws<ArgumentException>(() => NoiseAtSnr.Mix(new float[10], new float[9], 0));
    }

    private static readonly WaveformAugmentationOptions All = new()
    {
        TimeStretch = new TimeStretchOptions { P = 0.5f, Vocoder = PhaseVocoderOptions.Torchaudio },
        PitchShift = new PitchShiftOptions { P = 0.5f, Vocoder = PhaseVocoderOptions.Torchaudio },
        TimeShift = new WaveformShiftOptions { P = 0.5f },
        Gain = new WaveformGainOptions { P = 0.5f },
        Noise = new NoiseOptions { P = 0.5f },
    };

    [Fact]
    public void ChainIsDeterministicPerSeed()
    {
        var augmentations = new WaveformAugmentations(All);
        var tone = Tones.Sine(300, 8000, 4000);
        Assert.Equal(augmentations.Apply(tone, 8000, new Generator(5)), augmentations.Apply(tone, 8000, new Generator(5)));
        var outputs = Enumerable.Range(0, 6).Select(s => augmentations.Apply(tone, 8000, new Generator((ulong)s))).ToArray();
        Assert.Equal(6, outputs.Select(o => string.Join(",", o.Take(50).Concat(o.TakeLast(50)))).Distinct().Count());
    }

    private static double Uniform(Generator g, float min, float max) => min + ((double)max - min) * g.NextDouble();

    [Fact]
    public void ChainFollowsTheDocumentedDrawOrder()
    {
        var augmentations = new WaveformAugmentations(All);
        var tone = Tones.Sine(300, 8000, 4000);
        var taken = new int[5];
        foreach (ulong seed in Enumerable.Range(1, 8).Select(s => (ulong)s))
        {
            var g = new Generator(seed);
            var expected = (float[])tone.Clone();
            if (g.NextFloat() < 0.5f) { taken[0]++; expected = TimeStretch.Apply(expected, Uniform(g, 0.8f, 1.25f), PhaseVocoderOptions.Torchaudio); }
            if (g.NextFloat() < 0.5f)
            {
                taken[1]++;
                // Steps are rounded to the 0.1 resolution so that resamplers can be reused.
                double steps = Math.Round(Uniform(g, -2f, 2f) / 0.1f, MidpointRounding.ToEven) * (double)0.1f;
                expected = PitchShift.Apply(expected, steps, 12, PhaseVocoderOptions.Torchaudio);
            }
            if (g.NextFloat() < 0.5f) { taken[2]++; WaveformShift.Apply(expected, g.NextInt(-800, 800), ShiftMode.Roll); }
            if (g.NextFloat() < 0.5f) { taken[3]++; WaveformGain.Apply(expected, Uniform(g, -6f, 6f)); }
            if (g.NextFloat() < 0.5f) { taken[4]++; NoiseAtSnr.AddWhite(expected, Uniform(g, 10f, 40f), g); }
            Assert.Equal(expected, augmentations.Apply(tone, 8000, new Generator(seed)));
        }
        Assert.All(taken, count => Assert.InRange(count, 1, 7));
    }

    [Fact]
    public void ContinuousPitchStepsSkipTheRounding()
    {
        var options = new WaveformAugmentationOptions { PitchShift = new PitchShiftOptions { P = 1f, StepResolution = 0f, Vocoder = PhaseVocoderOptions.Torchaudio } };
        var tone = Tones.Sine(300, 8000, 3000);
        var g = new Generator(3);
        g.NextFloat();
        var expected = PitchShift.Apply(tone, Uniform(g, -2f, 2f), 12, PhaseVocoderOptions.Torchaudio);
        Assert.Equal(expected, new WaveformAugmentations(options).Apply(tone, 8000, new Generator(3)));
    }

    [Fact]
    public void GainProbabilityIsRespected()
    {
        var augmentations = new WaveformAugmentations(new WaveformAugmentationOptions { Gain = new WaveformGainOptions { P = 0.3f, MinGainDb = 3, MaxGainDb = 6 } });
        var g = new Generator(8);
        float[] x = [0.5f];
        int changed = Enumerable.Range(0, 2000).Count(_ => augmentations.Apply(x, 8000, g)[0] != 0.5f);
        // Binomial(2000, 0.3): mean 600, sd 20.5.
        Assert.InRange(changed, 600 - 100, 600 + 100);
    }

    [Fact]
    public void ApplyIfAnyFiresMakesTheSameDrawsAsApplyAndIsNullWhenNothingFired()
    {
        var augmentations = new WaveformAugmentations(new WaveformAugmentationOptions
        {
            Gain = new WaveformGainOptions { P = 0.5f, MinGainDb = 3, MaxGainDb = 6 },
            Noise = new NoiseOptions { P = 0.5f },
        });
        var tone = Tones.Sine(440, 8000, 800);
        int fired = 0, skipped = 0;
        for (ulong seed = 0; seed < 40; seed++)
        {
            var result = augmentations.ApplyIfAnyFires(tone, 8000, new Generator(seed));
            var expected = augmentations.Apply(tone, 8000, new Generator(seed));
            if (result is null)
            {
                Assert.Equal(tone, expected);
                skipped++;
            }
            else
            {
                Assert.Equal(expected, result);
                Assert.NotEqual(tone, result);
                fired++;
            }
        }
        Assert.InRange(fired, 20, 39);
        Assert.InRange(skipped, 1, 20);
    }

    [Fact]
    public void OptionsNameTheSettingTheyReject()
    {
        Assert.Contains("pitch_shift.p", Assert.Throws<ArgumentOutOfRangeException>(() => new WaveformAugmentations(new WaveformAugmentationOptions { PitchShift = new PitchShiftOptions { P = 2 } })).Message);
        Assert.Contains("noise.min_snr_db", Assert.Throws<ArgumentOutOfRangeException>(() => new WaveformAugmentations(new WaveformAugmentationOptions { Noise = new NoiseOptions { MinSnrDb = 30, MaxSnrDb = 10 } })).Message);
    }
}
