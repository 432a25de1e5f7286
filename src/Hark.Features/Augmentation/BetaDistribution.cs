using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>Beta(alpha, beta) samples as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta), formed from logs so it never divides 0 by 0.</summary>
public static class BetaDistribution
{
    public static double Sample(Generator generator, double alpha, double beta)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (!(alpha > 0) || !(beta > 0))
            throw new ArgumentOutOfRangeException(nameof(alpha), $"BetaDistribution: alpha and beta must be positive; got {alpha} and {beta}");
        double logX = GammaDistribution.SampleLog(generator, alpha);
        double logY = GammaDistribution.SampleLog(generator, beta);
        // X / (X + Y) = 1 / (1 + exp(logY - logX)).
        return 1.0 / (1.0 + Math.Exp(logY - logX));
    }
}
