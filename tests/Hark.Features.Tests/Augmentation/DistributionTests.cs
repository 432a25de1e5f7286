using Hark.Tensors;
using Hark.Features.Augmentation;

namespace Hark.Features.Tests.Augmentation;

public class DistributionTests
{
    private static (double Mean, double Variance) Moments(IReadOnlyList<double> xs)
    {
        double mean = xs.Average();
        double variance = xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1);
        return (mean, variance);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    [InlineData(9.0)]
    public void GammaHasMeanAndVarianceEqualToItsShape(double shape)
    {
        const int n = 200_000;
        var g = new Generator(100 + (ulong)(shape * 10));
        var xs = new double[n];
        for (int i = 0; i < n; i++) xs[i] = GammaDistribution.Sample(g, shape);
        Assert.All(xs, x => Assert.True(x >= 0 && double.IsFinite(x)));
        var (mean, variance) = Moments(xs);
        // Five standard errors: var(mean) = k / n, var(sample variance) ~ (mu4 - k^2) / n with mu4 = 3k^2 + 6k.
        Assert.InRange(mean, shape - 5 * Math.Sqrt(shape / n), shape + 5 * Math.Sqrt(shape / n));
        double varianceError = 5 * Math.Sqrt((2 * shape * shape + 6 * shape) / n);
        Assert.InRange(variance, shape - varianceError, shape + varianceError);
    }

    [Fact]
    public void GammaOfShapeOneIsExponentialByKolmogorovSmirnov()
    {
        const int n = 20_000;
        var g = new Generator(7);
        var xs = Enumerable.Range(0, n).Select(_ => GammaDistribution.Sample(g, 1.0)).Order().ToArray();
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double cdf = 1 - Math.Exp(-xs[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / n - cdf, cdf - (double)i / n));
        }
        // The 0.1% critical value is 1.95 / sqrt(n).
        Assert.True(d < 1.95 / Math.Sqrt(n), $"KS distance {d}");
    }

    [Fact]
    public void TinyShapesStayFiniteInLogSpace()
    {
        var g = new Generator(1);
        for (int i = 0; i < 10_000; i++)
        {
            double log = GammaDistribution.SampleLog(g, 0.01);
            Assert.True(double.IsFinite(log));
            double beta = BetaDistribution.Sample(g, 0.01, 0.01);
            Assert.InRange(beta, 0.0, 1.0);
        }
    }

    [Theory]
    [InlineData(0.2, 0.2)]
    [InlineData(0.4, 0.4)]
    [InlineData(1.0, 1.0)]
    [InlineData(2.0, 5.0)]
    public void BetaMatchesItsMeanAndVariance(double a, double b)
    {
        const int n = 100_000;
        var g = new Generator(31);
        var xs = new double[n];
        for (int i = 0; i < n; i++) xs[i] = BetaDistribution.Sample(g, a, b);
        Assert.All(xs, x => Assert.InRange(x, 0.0, 1.0));
        double expectedMean = a / (a + b);
        double expectedVariance = a * b / ((a + b) * (a + b) * (a + b + 1));
        var (mean, variance) = Moments(xs);
        Assert.InRange(mean, expectedMean - 5 * Math.Sqrt(expectedVariance / n), expectedMean + 5 * Math.Sqrt(expectedVariance / n));
        // Values lie in [0, 1], so the fourth central moment is below the variance and var(s^2) < variance / n.
        double varianceError = 5 * Math.Sqrt(expectedVariance / n);
        Assert.InRange(variance, expectedVariance - varianceError, expectedVariance + varianceError);
    }

    [Fact]
    public void InvalidParametersAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GammaDistribution.Sample(new Generator(1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BetaDistribution.Sample(new Generator(1), 1, -1));
    }
}
