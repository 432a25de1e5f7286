using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>
/// Gamma(shape, 1) samples by Marsaglia and Tsang (2000), "A simple method for generating gamma variables".
/// Shapes below 1 use the boost Gamma(a) = Gamma(a + 1) * U^(1/a), carried in log space by <see cref="SampleLog"/> so
/// that tiny shapes (MixUp alpha 0.1) do not underflow to zero.
/// </summary>
public static class GammaDistribution
{
    public static double Sample(Generator generator, double shape) => Math.Exp(SampleLog(generator, shape));

    /// <summary>The natural log of a Gamma(shape, 1) sample.</summary>
    public static double SampleLog(Generator generator, double shape)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (!(shape > 0) || !double.IsFinite(shape))
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "GammaDistribution: the shape must be positive and finite");
        if (shape < 1)
        {
            double logBoosted = SampleLog(generator, shape + 1);
            double u = 1.0 - generator.NextDouble();
            return logBoosted + Math.Log(u) / shape;
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x = generator.NextGaussian();
            double t = 1.0 + c * x;
            if (t <= 0) continue;
            double v = t * t * t;
            double u = 1.0 - generator.NextDouble();
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2 || Math.Log(u) < 0.5 * x2 + d * (1.0 - v + Math.Log(v)))
                return Math.Log(d) + Math.Log(v);
        }
    }
}
