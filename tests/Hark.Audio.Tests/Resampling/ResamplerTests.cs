using System.Globalization;
using Hark.Audio.Resampling;
using Hark.Audio.Tests.Fixtures;

namespace Hark.Audio.Tests.Resampling;

public class ResamplerTests
{
    /// <summary>Stated tolerance against torchaudio.transforms.Resample: 2e-6 max abs on signals peaking at 0.8 (float32 rounding of differently ordered sums).</summary>
    private const double TorchaudioTolerance = 2e-6;

    [Theory]
    [InlineData("8000_16000")]
    [InlineData("22050_16000")]
    [InlineData("44100_32000")]
    [InlineData("8000_32000")]
    [InlineData("22050_32000")]
    [InlineData("44100_16000_kaiser_best")]
    public void MatchesTorchaudioResample(string name)
    {
        var tensors = DspFixtures.Load("resampling.safetensors", out var metadata);
        var p = metadata[name].Split(',');
        var options = new ResamplerOptions
        {
            Window = p[2] == "kaiser_window" ? SincWindow.Kaiser : SincWindow.Hann,
            LowpassFilterWidth = int.Parse(p[3]),
            Rolloff = double.Parse(p[4], CultureInfo.InvariantCulture),
            Beta = p[5] == "None" ? 14.769656459379492 : double.Parse(p[5], CultureInfo.InvariantCulture),
        };
        var resampler = new Resampler(int.Parse(p[0]), int.Parse(p[1]), options);
        var actual = resampler.Resample(tensors[name + ".input"].ToArray());
        var expected = tensors[name + ".output"].ToArray();
        Assert.Equal(expected.Length, actual.Length);
        double error = DspFixtures.MaxAbsDifference(actual, expected);
        Assert.True(error <= TorchaudioTolerance, $"{name}: max abs difference {error:E2} > {TorchaudioTolerance:E0}");
    }

    [Theory]
    [InlineData(8000, 32000, 0)]
    [InlineData(8000, 32000, 1)]
    [InlineData(22050, 16000, 257)]
    [InlineData(44100, 32000, 3)]
    [InlineData(16000, 8000, 1000)]
    [InlineData(48000, 44100, 999)]
    [InlineData(11025, 22050, 17)]
    [InlineData(22050, 32000, 44101)]
    [InlineData(22050, 32000, 5)]
    [InlineData(22050, 32000, 6)]
    [InlineData(22050, 32000, 257)]
    [InlineData(16000, 32000, 3)]
    [InlineData(47999, 16000, 3001)]
    [InlineData(44056, 32000, 2000)]
    [InlineData(10_000_019, 16000, 40000)]
    [InlineData(60_000_011, 16000, 90000)]
    [InlineData(1009, 22050, 300)]
    public void PolyphaseKernelEqualsTheDirectTranscription(int orig, int target, int samples)
    {
        var resampler = new Resampler(orig, target);
        var x = DspFixtures.Noise(samples, 11);
        var fast = resampler.Resample(x);
        var reference = new float[fast.Length];
        resampler.ResampleReference(x, reference);
        Assert.True(DspFixtures.MaxAbsDifference(fast, reference) <= 1e-6);
    }

    [Theory]
    [InlineData(47999, 16000)]
    [InlineData(44056, 32000)]
    [InlineData(10_000_019, 16000)]
    [InlineData(60_000_011, 16000)]
    [InlineData(1009, 22050)]
    public void RatiosWithLargeTermsAreApproximatedWithinTheCap(int orig, int target)
    {
        var resampler = new Resampler(orig, target);
        Assert.True(Math.Max(resampler.Orig, resampler.New) <= Resampler.MaxRatioTerm, $"{resampler.New}/{resampler.Orig}");
        Assert.InRange(resampler.RateError, double.Epsilon, 1.0 / Resampler.MaxRatioTerm);
    }

    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(11025, 48000)]
    [InlineData(22050, 32000)]
    [InlineData(44100, 16000)]
    [InlineData(48000, 44100)]
    [InlineData(96000, 22050)]
    [InlineData(192000, 44100)]
    [InlineData(768000, 44100)]
    [InlineData(1000, 22050)]
    public void CommonRatePairsStayExact(int orig, int target)
    {
        var resampler = new Resampler(orig, target);
        Assert.Equal(0, resampler.RateError);
        Assert.Equal((long)orig * resampler.New, (long)target * resampler.Orig);
    }

    /// <summary>The stated tolerance: a relative rate error of at most 1/4096 for every input rate Hark decodes (1-768 kHz) to the common rates.</summary>
    [Fact]
    public void TheRateErrorStaysWithinTheStatedToleranceAcrossTheDecodableRange()
    {
        double worst = 0;
        foreach (int target in new[] { 8000, 16000, 22050, 32000, 44100, 48000 })
            for (int rate = DecodedAudioChecks.MinSampleRate; rate <= DecodedAudioChecks.MaxSampleRate; rate += 37)
            {
                double exact = (double)target / rate;
                var (p, q) = RationalApproximation.Closest(exact, Resampler.MaxRatioTerm);
                int g = (int)System.Numerics.BigInteger.GreatestCommonDivisor(rate, target);
                double error = Math.Max(rate / g, target / g) <= Resampler.MaxRatioTerm ? 0 : Math.Abs((double)p / q / exact - 1);
                worst = Math.Max(worst, error);
            }
        Assert.True(worst <= 1.0 / Resampler.MaxRatioTerm, $"worst relative rate error {worst:E2}");
        Assert.True(worst > 0, "the sweep should include rates that need approximating");
        Assert.Equal(new Resampler(47999, 16000).RateError, Math.Abs(1.0 / 3 / (16000.0 / 47999) - 1), 12);
    }

    /// <summary>An approximated ratio resamples a tone as if the input rate were new_freq * orig / new: the tone lands where that rate puts it.</summary>
    [Fact]
    public void AnApproximatedRatioResamplesToneToTheApproximatedTimes()
    {
        const int rate = 47999, target = 16000;
        var resampler = new Resampler(rate, target);
        var x = new float[rate];
        for (int i = 0; i < x.Length; i++) x[i] = 0.5f * MathF.Sin(2 * MathF.PI * 1000 * i / rate);
        var y = resampler.Resample(x);
        double step = (double)resampler.Orig / resampler.New; // input samples per output sample
        double worst = 0;
        for (int n = 200; n < y.Length - 200; n++)
            worst = Math.Max(worst, Math.Abs(y[n] - 0.5 * Math.Sin(2 * Math.PI * 1000 * n * step / rate)));
        Assert.True(worst < 0.01, $"max deviation {worst:G3} from the tone at the approximated times");
    }

    [Fact]
    public void TheKernelBankIsBoundedWhateverTheRates()
    {
        foreach (int rate in new[] { 60_000_011, 10_000_019, 1_000_003, 767_999, 1009 })
        {
            var resampler = new Resampler(rate, 16000, ResamplerOptions.KaiserBest);
            long bank = (long)resampler.New * resampler.TapsPerOutput;
            Assert.True(bank <= 2L * 64 * Resampler.MaxRatioTerm / 0.9475 + 8L * resampler.New, $"{rate} Hz: {bank} kernel values");
        }
    }

    [Theory]
    [InlineData(int.MaxValue, 16000)]
    [InlineData(999_999_937, 16000)]
    [InlineData(1, 48000)]
    public void RatiosBeyondTheCapAreRefused(int orig, int target)
    {
        var error = Assert.Throws<ArgumentException>(() => new Resampler(orig, target));
        Assert.Contains($"{orig} -> {target} Hz is a ratio beyond 4096:1", error.Message);
    }

    [Fact]
    public void OutputLengthIsTorchaudiosCeiling()
    {
        Assert.Equal(4000, new Resampler(8000, 16000).OutputLength(2000));
        Assert.Equal(1452, new Resampler(22050, 16000).OutputLength(2001)); // ceil(320 * 2001 / 441)
        Assert.Equal(5, new Resampler(16000, 16000).Resample(new float[5]).Length);
    }

    [Fact]
    public void KeepsOnlyTheTapsInsideTheWindow()
    {
        var r = new Resampler(22050, 32000);
        Assert.Equal(7, r.Width);
        Assert.True(r.TapsPerOutput <= 16, $"taps per output {r.TapsPerOutput}"); // torchaudio convolves 2*7+441 = 455
    }

    public static double GainDb(ResamplerOptions options, int orig, int target, double frequency)
    {
        int n = orig / 2;
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)Math.Sin(2 * Math.PI * frequency * i / orig);
        var y = new Resampler(orig, target, options).Resample(x);
        double inPower = 0, outPower = 0;
        for (int i = n / 5; i < 4 * n / 5; i++) inPower += (double)x[i] * x[i];
        for (int i = y.Length / 5; i < 4 * y.Length / 5; i++) outPower += (double)y[i] * y[i];
        return 10 * Math.Log10(outPower / (4 * y.Length / 5 - y.Length / 5) / (inPower / (4 * n / 5 - n / 5)) + 1e-30);
    }

    /// <summary>The quality figures stated in ResamplerOptions' documentation, measured on 44.1 kHz -> 16 kHz with pure tones.</summary>
    [Theory]
    [InlineData("torchaudio", 0.70, 0.1, 1.30, -40)]
    [InlineData("kaiser_best", 0.90, 0.05, 1.02, -120)]
    [InlineData("kaiser_fast", 0.70, 0.01, 1.0, -80)]
    public void MeetsItsDocumentedQuality(string preset, double flatUpTo, double rippleDb, double stopFrom, double stopDb)
    {
        var options = preset switch { "torchaudio" => ResamplerOptions.Torchaudio, "kaiser_best" => ResamplerOptions.KaiserBest, _ => ResamplerOptions.KaiserFast };
        const int orig = 44100, target = 16000;
        double nyquist = target / 2.0;
        for (double f = 0.05; f <= flatUpTo + 1e-9; f += 0.05)
        {
            double gain = GainDb(options, orig, target, f * nyquist);
            Assert.True(Math.Abs(gain) <= rippleDb, $"{preset}: gain {gain:F4} dB at {f:F2} x Nyquist exceeds +-{rippleDb} dB");
        }
        for (double f = stopFrom; f * nyquist < orig / 2.0 - 100; f += 0.05)
        {
            double gain = GainDb(options, orig, target, f * nyquist);
            Assert.True(gain <= stopDb, $"{preset}: gain {gain:F1} dB at {f:F2} x Nyquist is above {stopDb} dB");
        }
    }
}
