using Hark.Tensors;
using Hark.Features.Augmentation;

namespace Hark.Features.Tests.Augmentation;

public class MixingTests
{
    [Fact]
    public void MixUpMixesEveryInputWithTheSamePartnerAndLambda()
    {
        var a = BatchFixtures.Random(1, 6, 1, 4, 5);
        var b = Tensor.FromArray(Enumerable.Range(0, 6 * 3).Select(i => (float)i).ToArray(), 6, 3);
        var result = MixUp.Apply([a, b], 0.4, new Generator(8));

        var g = new Generator(8);
        float lambda = (float)BetaDistribution.Sample(g, 0.4, 0.4);
        var permutation = g.Permutation(6);
        Assert.Equal(MixKind.MixUp, result.Kind);
        Assert.Equal(lambda, result.Lambda);
        Assert.Equal(permutation, result.Permutation);
        foreach (var (input, mixed) in new[] { (a, result.Inputs[0]), (b, result.Inputs[1]) })
        {
            Assert.Equal(input.Shape, mixed.Shape);
            int size = input.Numel / 6;
            for (int i = 0; i < 6; i++)
                for (int j = 0; j < size; j++)
                    Assert.Equal(lambda * input.Span[i * size + j] + (1 - lambda) * input.Span[permutation[i] * size + j], mixed.Span[i * size + j], 5);
        }
        Assert.Equal(BatchFixtures.Random(1, 6, 1, 4, 5).ToArray(), a.ToArray());
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    public void MixUpLambdaFollowsBetaAlphaAlpha(double alpha)
    {
        const int n = 20_000;
        var g = new Generator(12);
        var batch = Tensor.Zeros(2, 1);
        var lambdas = Enumerable.Range(0, n).Select(_ => (double)MixUp.Apply(batch, alpha, g).Lambda).ToArray();
        double mean = lambdas.Average();
        double variance = lambdas.Sum(x => (x - mean) * (x - mean)) / (n - 1);
        double expectedVariance = 1 / (4 * (2 * alpha + 1));
        Assert.InRange(mean, 0.5 - 5 * Math.Sqrt(expectedVariance / n), 0.5 + 5 * Math.Sqrt(expectedVariance / n));
        Assert.InRange(variance, expectedVariance - 5 * Math.Sqrt(expectedVariance / n), expectedVariance + 5 * Math.Sqrt(expectedVariance / n));
    }

    [Fact]
    public void CutMixBoxFollowsTimmRandBboxAndTheAreaEqualsOneMinusLambda()
    {
        const int batch = 7, mels = 13, frames = 37;
        var spectrogram = BatchFixtures.Coded(batch, 2, mels, frames);
        var image = BatchFixtures.Coded(batch, 3, mels, frames);
        foreach (ulong seed in Enumerable.Range(1, 30).Select(s => (ulong)s))
        {
            var result = CutMix.Apply([spectrogram, image], 1.0, new Generator(seed));

            var g = new Generator(seed);
            double lambda = BetaDistribution.Sample(g, 1.0, 1.0);
            double ratio = Math.Sqrt(1 - lambda);
            int cutH = (int)(mels * ratio), cutW = (int)(frames * ratio);
            int cy = g.NextInt(mels), cx = g.NextInt(frames);
            int yl = Math.Clamp(cy - cutH / 2, 0, mels), yh = Math.Clamp(cy + cutH / 2, 0, mels);
            int xl = Math.Clamp(cx - cutW / 2, 0, frames), xh = Math.Clamp(cx + cutW / 2, 0, frames);
            var permutation = g.Permutation(batch);
            Assert.Equal(new CutMixBox(yl, yh, xl, xh), result.Box);
            Assert.Equal(permutation, result.Permutation);
            Assert.Equal((float)(1 - (double)(yh - yl) * (xh - xl) / (mels * frames)), result.Lambda);

            foreach (var (input, mixed, channels) in new[] { (spectrogram, result.Inputs[0], 2), (image, result.Inputs[1], 3) })
                for (int i = 0; i < batch; i++)
                {
                    int fromPartner = 0;
                    for (int c = 0; c < channels; c++)
                        for (int m = 0; m < mels; m++)
                            for (int t = 0; t < frames; t++)
                            {
                                bool inBox = m >= yl && m < yh && t >= xl && t < xh;
                                float expected = BatchFixtures.At(input, inBox ? permutation[i] : i, c, m, t);
                                Assert.Equal(expected, BatchFixtures.At(mixed, i, c, m, t));
                                if (inBox && permutation[i] != i) fromPartner++;
                            }
                    if (permutation[i] != i)
                    {
                        Assert.Equal(channels * (yh - yl) * (xh - xl), fromPartner);
                        Assert.Equal(1.0 - result.Lambda, fromPartner / (double)(channels * mels * frames), tolerance: 1e-7);
                    }
                }
        }
    }

    [Fact]
    public void CutMixRequiresInputsThatShareThePlane()
    {
        var error = Assert.Throws<ShapeException>(() => CutMix.Apply([Tensor.Zeros(2, 1, 8, 8), Tensor.Zeros(2, 1, 8, 9)], 1.0, new Generator(1)));
        Assert.Contains("CutMix", error.Message);
        Assert.Contains("[2, 1, 8, 9]", error.Message);
    }

    [Fact]
    public void BatchMixerFollowsProbAndSwitchProb()
    {
        var mixer = new BatchMixer(new MixOptions { MixupAlpha = 0.4f, CutmixAlpha = 1f, Prob = 0.8f, SwitchProb = 0.25f });
        var g = new Generator(5);
        var batch = Tensor.Zeros(4, 1, 4, 4);
        var counts = new Dictionary<MixKind, int> { [MixKind.None] = 0, [MixKind.MixUp] = 0, [MixKind.CutMix] = 0 };
        for (int i = 0; i < 4000; i++)
        {
            var result = mixer.Apply(batch, g);
            counts[result.Kind]++;
            if (result.Kind == MixKind.None)
            {
                Assert.Same(batch, result.Inputs[0]);
                Assert.Equal(1f, result.Lambda);
                Assert.Equal(new[] { 0, 1, 2, 3 }, result.Permutation);
            }
        }
        // Expected 800 unmixed, 2400 MixUp, 800 CutMix; binomial sd at most ~32.
        Assert.InRange(counts[MixKind.None], 800 - 130, 800 + 130);
        Assert.InRange(counts[MixKind.MixUp], 2400 - 130, 2400 + 130);
        Assert.InRange(counts[MixKind.CutMix], 800 - 130, 800 + 130);
        Assert.Equal(MixKind.None, new BatchMixer(new MixOptions()).Apply(batch, g).Kind);
        Assert.Equal(MixKind.CutMix, new BatchMixer(new MixOptions { CutmixAlpha = 1f }).Apply(batch, g).Kind);
    }

    [Fact]
    public void MixingIsDeterministicPerSeed()
    {
        var batch = BatchFixtures.Random(2, 8, 1, 6, 10);
        var mixer = new BatchMixer(new MixOptions { MixupAlpha = 0.3f, CutmixAlpha = 1f });
        float[] Run(ulong seed) => mixer.Apply(batch, new Generator(seed)).Inputs[0].ToArray();
        Assert.Equal(Run(3), Run(3));
        Assert.NotEqual(Run(3), Run(4));
    }

    [Fact]
    public void OneHotTargetsCarryTimmSmoothingAndMixWithThePermutation()
    {
        var targets = TargetMixing.OneHot([2, 0, 1], 4, smoothing: 0.1f);
        float[] smoothed = [0.025f, 0.025f, 0.925f, 0.025f, 0.925f, 0.025f, 0.025f, 0.025f, 0.025f, 0.925f, 0.025f, 0.025f];
        for (int i = 0; i < smoothed.Length; i++) Assert.Equal(smoothed[i], targets.Span[i], tolerance: 1e-6f);

        var multiHot = Tensor.FromArray([1, 0, 1, 0, 1, 0, 0, 0, 1], 3, 3);
        var mix = new MixResult([multiHot], [2, 0, 1], 0.7f, MixKind.MixUp);
        var mixed = TargetMixing.Mix(multiHot, mix).ToArray();
        float[] expected = [0.7f, 0f, 1f, 0.3f, 0.7f, 0.3f, 0f, 0.3f, 0.7f];
        for (int i = 0; i < 9; i++) Assert.Equal(expected[i], mixed[i], tolerance: 1e-6f);
        Assert.Equal(new[] { "c", "a", "b" }, mix.Partners(["a", "b", "c"]));
        Assert.Throws<ArgumentException>(() => TargetMixing.Mix(multiHot, [0, 0, 1], 0.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => TargetMixing.OneHot([4], 4));
    }
}
