using Hark.Audio.Spectral;
using Hark.Audio.Spectral.Fftw;
using Hark.Audio.Tests.Fixtures;

namespace Hark.Audio.Tests.Spectral;

/// <summary>A theory that needs libfftw3f; skipped, saying so, on machines without it.</summary>
public sealed class FftwTheoryAttribute : TheoryAttribute
{
    public static readonly LibFftw? Library = LibFftw.TryLoad(LibFftw.DefaultLibraryNames);

    public FftwTheoryAttribute()
    {
        if (Library is null) Skip = $"libfftw3f not found (tried {string.Join(", ", LibFftw.DefaultLibraryNames)}); install libfftw3-single3 to test the FFTW path";
    }
}

public class FftwTests
{
    public static IEnumerable<object[]> Lengths() =>
        Enumerable.Range(1, 70).Concat([96, 100, 127, 128, 255, 256, 257, 400, 441, 512, 1000, 1024, 2048]).Select(n => new object[] { n });

    [FftwTheory]
    [MemberData(nameof(Lengths))]
    public void FftwMatchesTheManagedTransformAndTheDirectDft(int n)
    {
        var x = DspFixtures.Noise(n, (ulong)n + 7);
        var fftw = new FftwRealFft(FftwTheoryAttribute.Library!, n);
        var managed = new RealFft(n);
        var real = new float[fftw.Bins];
        var imaginary = new float[fftw.Bins];
        var managedReal = new float[fftw.Bins];
        var managedImaginary = new float[fftw.Bins];
        fftw.Forward(x, real, imaginary, new float[fftw.ScratchLength]);
        managed.Forward(x, managedReal, managedImaginary, new float[managed.ScratchLength]);
        var expectedReal = new double[fftw.Bins];
        var expectedImaginary = new double[fftw.Bins];
        ReferenceDft.RealForward(x, expectedReal, expectedImaginary);
        double scale = Math.Max(1, x.Sum(v => Math.Abs(v))), tolerance = 2e-6 * scale * Math.Log2(n + 1);
        for (int k = 0; k < fftw.Bins; k++)
        {
            Assert.True(Math.Abs(real[k] - expectedReal[k]) <= tolerance, $"n={n} bin {k} real {real[k]} vs {expectedReal[k]}");
            Assert.True(Math.Abs(imaginary[k] - expectedImaginary[k]) <= tolerance, $"n={n} bin {k} imag {imaginary[k]} vs {expectedImaginary[k]}");
            Assert.True(Math.Abs(real[k] - managedReal[k]) <= 2 * tolerance, $"n={n} bin {k} real {real[k]} vs managed {managedReal[k]}");
            Assert.True(Math.Abs(imaginary[k] - managedImaginary[k]) <= 2 * tolerance, $"n={n} bin {k} imag {imaginary[k]} vs managed {managedImaginary[k]}");
        }
    }

    [FftwTheory]
    [InlineData(1024)]
    public void ThreadsShareOnePlanAndGetTheSameAnswer(int n)
    {
        var fftw = new FftwRealFft(FftwTheoryAttribute.Library!, n);
        var inputs = Enumerable.Range(0, 16).Select(i => DspFixtures.Noise(n, (ulong)i)).ToArray();
        float[] Transform(float[] x)
        {
            var re = new float[fftw.Bins];
            var im = new float[fftw.Bins];
            fftw.Forward(x, re, im, []);
            return re.Concat(im).ToArray();
        }
        var serial = inputs.Select(Transform).ToArray();
        var parallel = new float[inputs.Length][];
        Parallel.For(0, inputs.Length * 8, i => parallel[i % inputs.Length] = Transform(inputs[i % inputs.Length]));
        for (int i = 0; i < inputs.Length; i++) Assert.Equal(serial[i], parallel[i]);
    }

    [FftwTheory]
    [InlineData(16)]
    public void WrongSizesAreRejectedWithTheExpectedLength(int n)
    {
        var fftw = new FftwRealFft(FftwTheoryAttribute.Library!, n);
        var e = Assert.Throws<ArgumentException>(() => fftw.Forward(new float[n - 1], new float[9], new float[9], []));
        Assert.Contains($"expected {n}", e.Message);
    }

    [Fact]
    public void ThePlansFollowTheForceManagedSwitchAndSayWhichTheyUse()
    {
        var plan = RealFftPlans.Create(64);
        Assert.Equal(64, plan.Length);
        Assert.Equal(plan is FftwRealFft ? "FFTW" : "managed", RealFftPlans.Description.Split(' ')[0]);
    }
}
