using Hark.Audio.Spectral;
using Hark.Audio.Tests.Fixtures;

namespace Hark.Audio.Tests.Spectral;

public class StftTests
{
    [Theory]
    [InlineData(400, 160, null, CenterPadding.Reflect, WindowFunction.Hann, 1000)]
    [InlineData(512, 128, 300, CenterPadding.Constant, WindowFunction.Hamming, 777)]
    [InlineData(257, 100, null, CenterPadding.None, WindowFunction.Blackman, 900)]
    [InlineData(64, 1, 33, CenterPadding.Reflect, WindowFunction.Hann, 100)]
    public void PowerSpectrogramMatchesAWindowedDirectDft(int nFft, int hop, int? winLength, CenterPadding center, WindowFunction window, int samples)
    {
        var options = new StftOptions { NFft = nFft, HopLength = hop, WinLength = winLength, Window = window, Center = center };
        var stft = new Stft(options);
        var x = DspFixtures.Noise(samples, 3);
        int frames = stft.FrameCount(samples);
        var actual = new float[stft.Bins * frames];
        stft.Spectrogram(x, SpectrumKind.Power, actual);

        var padded = Reference.Pad(x, center == CenterPadding.None ? 0 : nFft / 2, center);
        var w = new float[nFft];
        int wl = winLength ?? nFft;
        Window.Fill(window, w.AsSpan((nFft - wl) / 2, wl));
        var frame = new float[nFft];
        var re = new double[stft.Bins];
        var im = new double[stft.Bins];
        for (int t = 0; t < frames; t++)
        {
            for (int i = 0; i < nFft; i++) frame[i] = padded[t * hop + i] * w[i];
            ReferenceDft.RealForward(frame, re, im);
            for (int k = 0; k < stft.Bins; k++)
            {
                double expected = re[k] * re[k] + im[k] * im[k];
                Assert.True(Math.Abs(actual[k * frames + t] - expected) <= 1e-4 * (1 + expected), $"frame {t} bin {k}: {actual[k * frames + t]} vs {expected}");
            }
        }
    }

    [Fact]
    public void FrameCountsFollowTorchStft()
    {
        Assert.Equal(1 + 16000 / 200, new Stft(new StftOptions()).FrameCount(16000));
        Assert.Equal(1 + (16000 - 400) / 160, new Stft(new StftOptions { HopLength = 160, Center = CenterPadding.None }).FrameCount(16000));
    }

    [Fact]
    public void ReflectPaddingMirrorsWithoutRepeatingTheEdge()
    {
        var stft = new Stft(new StftOptions { NFft = 8, HopLength = 2 });
        var padded = new float[6 + 8];
        stft.Pad([1, 2, 3, 4, 5, 6], padded);
        Assert.Equal([5, 4, 3, 2, 1, 2, 3, 4, 5, 6, 5, 4, 3, 2], padded);
    }

    [Fact]
    public void ReflectPaddingOfASignalShorterThanHalfTheFrameSaysWhy()
    {
        var stft = new Stft(new StftOptions { NFft = 1024, HopLength = 320 });
        var e = Assert.Throws<ArgumentException>(() => stft.Spectrogram(new float[300]));
        Assert.Contains("reflect", e.Message);
    }

    [Fact]
    public void MagnitudeIsTheSquareRootOfPower()
    {
        var stft = new Stft(new StftOptions { NFft = 256, HopLength = 64 });
        var x = DspFixtures.Noise(2000, 5);
        var power = stft.Spectrogram(x, SpectrumKind.Power).ToArray();
        var magnitude = stft.Spectrogram(x, SpectrumKind.Magnitude).ToArray();
        for (int i = 0; i < power.Length; i++) Assert.Equal(MathF.Sqrt(power[i]), magnitude[i], 1e-5f);
    }

    private static class Reference
    {
        public static float[] Pad(float[] x, int p, CenterPadding mode)
        {
            var y = new float[x.Length + 2 * p];
            for (int i = 0; i < y.Length; i++)
            {
                int j = i - p;
                if (j >= 0 && j < x.Length) y[i] = x[j];
                else if (mode == CenterPadding.Reflect) y[i] = x[j < 0 ? -j : 2 * (x.Length - 1) - j];
            }
            return y;
        }
    }
}
