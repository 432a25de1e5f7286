using Hark.Evaluation.Metrics;

namespace Hark.Evaluation.Tests.Metrics;

public class NumpyReductionTests
{
    [Fact]
    public void PairwiseSumAgreesWithAPlainSumForEveryLengthTo257()
    {
        var rng = new Random(7);
        for (int n = 0; n <= 257; n++)
        {
            var values = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
            double plain = 0;
            foreach (double v in values) plain += v;
            Assert.Equal(plain, NumpyReduction.Sum(values), 1e-12);
        }
    }

    [Fact]
    public void SumFollowsNumpysOrder()
    {
        // numpy 1.24: np.sum([1e16, 1, -1e16, 1, 1, 1, 1, 1, 1, 1]) == 6.0 (pairs (1e16 + 1) and (-1e16 + 1) each
        // lose their 1), where a left-to-right sum gives 7.0.
        double[] values = [1e16, 1, -1e16, 1, 1, 1, 1, 1, 1, 1];
        Assert.Equal(6.0, NumpyReduction.Sum(values));
        Assert.Equal(0.6, NumpyReduction.Mean(values));
        Assert.Equal(2.5, NumpyReduction.WeightedMean([1.0, 3.0], [1.0, 3.0]));
    }
}
