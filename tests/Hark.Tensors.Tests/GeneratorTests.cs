namespace Hark.Tensors.Tests;

public class GeneratorTests
{
    [Fact]
    public void SameSeedGivesTheSameStreamAndDifferentSeedsDiffer()
    {
        var a = new Generator(42); var b = new Generator(42); var c = new Generator(43);
        var sa = Enumerable.Range(0, 100).Select(_ => a.NextUInt32()).ToArray();
        Assert.Equal(sa, Enumerable.Range(0, 100).Select(_ => b.NextUInt32()).ToArray());
        Assert.NotEqual(sa, Enumerable.Range(0, 100).Select(_ => c.NextUInt32()).ToArray());
    }

    [Fact]
    public void UniformAndGaussianMomentsAreRight()
    {
        var g = new Generator(7);
        const int n = 200_000;
        double sum = 0, sumSq = 0, uniformSum = 0;
        for (int i = 0; i < n; i++)
        {
            double z = g.NextGaussian(); sum += z; sumSq += z * z;
            float u = g.NextFloat(); Assert.InRange(u, 0f, 0.99999994f); uniformSum += u;
        }
        Assert.InRange(sum / n, -0.01, 0.01);
        Assert.InRange(sumSq / n, 0.98, 1.02);
        Assert.InRange(uniformSum / n, 0.495, 0.505);
    }

    [Fact]
    public void NextIntCoversItsRangeEvenly()
    {
        var g = new Generator(1);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++) counts[g.NextInt(7)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
        Assert.Equal(Enumerable.Range(0, 50), g.Permutation(50).Order());
    }
}
