using Hark.Data.Sampling;
using Hark.Tensors;

namespace Hark.Data.Tests.Sampling;

public class SamplingTests
{
    [Fact]
    public void BalancedSamplerOversamplesUpToTheCapAndKeepsEverySample()
    {
        // class sizes 100, 30, 4
        int[] labels = [.. Enumerable.Repeat(0, 100), .. Enumerable.Repeat(1, 30), .. Enumerable.Repeat(2, 4)];
        var sampler = new ClassBalancedSampler(labels, 3, maxOversampling: 5);
        Assert.Equal([100, 100, 20], sampler.TargetPerClass);
        var epoch = sampler.NextEpoch(new Generator(1));
        Assert.Equal(220, epoch.Length);
        Assert.Equal([100, 100, 20], Enumerable.Range(0, 3).Select(c => epoch.Count(i => labels[i] == c)));
        Assert.Equal(Enumerable.Range(0, labels.Length), epoch.Distinct().Order());
        Assert.All(Enumerable.Range(130, 4), i => Assert.Equal(5, epoch.Count(j => j == i)));
        Assert.NotEqual(epoch, sampler.NextEpoch(new Generator(2)));
        Assert.Equal(epoch, sampler.NextEpoch(new Generator(1)));
    }

    [Fact]
    public void MultiLabelSamplerRepeatsByTheRarestLabel()
    {
        var targets = new bool[110][];
        for (int i = 0; i < 110; i++) targets[i] = [i < 100, i >= 100, i == 105];
        // classes: 100, 10, 1 positives -> repeat factors 1, min(5, 10) = 5, min(5, 100) = 5
        var sampler = new ClassBalancedSampler(targets, maxOversampling: 5);
        Assert.Equal(150, sampler.EpochLength);
        var epoch = sampler.NextEpoch(new Generator(3));
        Assert.Equal(150, epoch.Length);
        Assert.All(Enumerable.Range(100, 10), i => Assert.Equal(5, epoch.Count(j => j == i)));
    }

    [Fact]
    public void WeightedSamplerFollowsTheWeights()
    {
        var sampler = new WeightedRandomSampler([0, 1, 3, 0]);
        var draws = sampler.Draw(40000, new Generator(4));
        Assert.DoesNotContain(0, draws);
        Assert.DoesNotContain(3, draws);
        Assert.InRange(draws.Count(d => d == 2) / 40000.0, 0.74, 0.76);
    }

    [Fact]
    public void ClassBalancedWeightsDrawClassesEqually()
    {
        int[] labels = [.. Enumerable.Repeat(0, 90), .. Enumerable.Repeat(1, 10)];
        var draws = WeightedRandomSampler.ClassBalanced(labels, 2).Draw(20000, new Generator(5));
        Assert.InRange(draws.Count(d => labels[d] == 1) / 20000.0, 0.48, 0.52);
    }

    [Fact]
    public void InverseFrequencyEqualsSklearnBalanced()
    {
        // sklearn.utils.class_weight.compute_class_weight("balanced", classes=[0,1,2], y) with counts 6, 3, 1:
        // n / (3 * n_c) = 10/18, 10/9, 10/3
        var w = ClassWeights.InverseFrequency([6, 3, 1]);
        Assert.Equal(10.0 / 18, w[0], 6);
        Assert.Equal(10.0 / 9, w[1], 6);
        Assert.Equal(10.0 / 3, w[2], 6);
    }

    [Fact]
    public void InverseSqrtIsNormalisedAndAbsentClassesGetZero()
    {
        var w = ClassWeights.InverseSqrt([100, 25, 0]);
        Assert.Equal(2.0, w[1] / w[0], 5);
        Assert.Equal(0f, w[2]);
        Assert.Equal(125.0, 100 * w[0] + 25 * w[1], 3);
    }

    [Fact]
    public void PosWeightIsNegativesOverPositives()
    {
        bool[][] targets = [[true, false, false], [true, true, false], [false, false, false], [true, false, false]];
        Assert.Equal([1f / 3, 3f, 1f], PosWeight.FromTargets(targets));
        Assert.Equal([1f / 3, 2f, 1f], PosWeight.FromTargets(targets, maxWeight: 2));
    }
}
