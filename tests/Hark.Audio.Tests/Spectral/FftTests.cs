using Hark.Audio.Spectral;
using Hark.Audio.Tests.Fixtures;

namespace Hark.Audio.Tests.Spectral;

public class FftTests
{
    public static IEnumerable<object[]> Lengths() =>
        Enumerable.Range(1, 70).Concat([96, 100, 127, 128, 255, 256, 257, 400, 441, 512, 1000, 1024, 2048]).Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Lengths))]
    public void RealFftMatchesTheDirectDft(int n)
    {
        var x = DspFixtures.Noise(n, (ulong)n);
        var fft = new RealFft(n);
        var real = new float[fft.Bins];
        var imaginary = new float[fft.Bins];
        fft.Forward(x, real, imaginary, new float[fft.ScratchLength]);
        var expectedReal = new double[fft.Bins];
        var expectedImaginary = new double[fft.Bins];
        ReferenceDft.RealForward(x, expectedReal, expectedImaginary);
        double scale = Math.Max(1, x.Sum(v => Math.Abs(v)));
        for (int k = 0; k < fft.Bins; k++)
        {
            Assert.True(Math.Abs(real[k] - expectedReal[k]) <= 2e-6 * scale * Math.Log2(n + 1), $"n={n} bin {k} real {real[k]} vs {expectedReal[k]}");
            Assert.True(Math.Abs(imaginary[k] - expectedImaginary[k]) <= 2e-6 * scale * Math.Log2(n + 1), $"n={n} bin {k} imag {imaginary[k]} vs {expectedImaginary[k]}");
        }
    }

    [Fact]
    public void AnImpulseHasAFlatSpectrumAndACosineOneBin()
    {
        var fft = new RealFft(400);
        var x = new float[400];
        x[0] = 1;
        var re = new float[201];
        var im = new float[201];
        var scratch = new float[fft.ScratchLength];
        fft.Forward(x, re, im, scratch);
        Assert.All(re, v => Assert.Equal(1f, v, 1e-5f));
        Assert.All(im, v => Assert.Equal(0f, v, 1e-5f));
        for (int i = 0; i < 400; i++) x[i] = (float)Math.Cos(2 * Math.PI * 7 * i / 400);
        fft.Forward(x, re, im, scratch);
        for (int k = 0; k < 201; k++) Assert.Equal(k == 7 ? 200f : 0f, re[k], 1e-3f);
    }

    [Fact]
    public void WrongSizesAreRejectedWithTheExpectedLength()
    {
        var fft = new RealFft(16);
        var e = Assert.Throws<ArgumentException>(() => fft.Forward(new float[15], new float[9], new float[9], new float[fft.ScratchLength]));
        Assert.Contains("expected 16", e.Message);
    }
}
