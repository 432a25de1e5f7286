using Hark.Tensors;
using Hark.Features.Augmentation;

namespace Hark.Features.Tests.Augmentation;

public class SpecAugmentTests
{
    // torchaudio.functional.mask_along_axis_iid, re-written: value = rand * mask_param,
    // min_value = rand * (size - value), mask [long(min_value), long(min_value) + long(value)).
    private static (int Start, int End) TorchaudioMask(Generator g, int maskParam, int size)
    {
        float value = g.NextFloat() * maskParam;
        float minValue = g.NextFloat() * (size - value);
        long start = (long)minValue;
        long end = start + (long)value;
        return ((int)Math.Max(0, Math.Min(size, start)), (int)Math.Max(0, Math.Min(size, end)));
    }

    private static Tensor Expected(Tensor input, SpecAugmentOptions o, ulong seed)
    {
        var g = new Generator(seed);
        var x = input.Clone();
        int B = x.Shape[0], C = x.Shape[1], M = x.Shape[2], T = x.Shape[3];
        var data = x.Span;
        for (int b = 0; b < B; b++)
        {
            if (!(g.NextFloat() < o.P)) continue;
            var shared = new List<(bool Freq, int Start, int End)>();
            if (!o.IidMasks)
            {
                for (int k = 0; k < o.FreqMasks; k++) { var (s, e) = TorchaudioMask(g, o.FreqMaskParam, M); shared.Add((true, s, e)); }
                for (int k = 0; k < o.TimeMasks; k++) { var (s, e) = TorchaudioMask(g, o.TimeMaskParam, T); shared.Add((false, s, e)); }
            }
            for (int c = 0; c < C; c++)
            {
                double sum = 0;
                for (int m = 0; m < M; m++) for (int t = 0; t < T; t++) sum += data[((b * C + c) * M + m) * T + t];
                float fill = o.Fill == MaskFill.Mean ? (float)(sum / (M * T)) : 0f;
                var masks = shared;
                if (o.IidMasks)
                {
                    masks = [];
                    for (int k = 0; k < o.FreqMasks; k++) { var (s, e) = TorchaudioMask(g, o.FreqMaskParam, M); masks.Add((true, s, e)); }
                    for (int k = 0; k < o.TimeMasks; k++) { var (s, e) = TorchaudioMask(g, o.TimeMaskParam, T); masks.Add((false, s, e)); }
                }
                foreach (var (freq, s, e) in masks)
                    for (int m = 0; m < M; m++)
                        for (int t = 0; t < T; t++)
                            if (freq ? m >= s && m < e : t >= s && t < e) data[((b * C + c) * M + m) * T + t] = fill;
            }
        }
        return x;
    }

    public static TheoryData<bool, MaskFill, float> Settings => new()
    {
        { true, MaskFill.Zero, 1f },
        { true, MaskFill.Mean, 0.7f },
        { false, MaskFill.Zero, 0.5f },
        { false, MaskFill.Mean, 1f },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void MaskGeometryMatchesATorchaudioStyleReimplementation(bool iid, MaskFill fill, float p)
    {
        var options = new SpecAugmentOptions { P = p, FreqMasks = 2, FreqMaskParam = 7, TimeMasks = 3, TimeMaskParam = 13, Fill = fill, IidMasks = iid };
        foreach (ulong seed in new ulong[] { 1, 2, 42, 2026 })
        {
            var input = BatchFixtures.Random(seed + 100, 5, 3, 11, 29, offset: 3f);
            var actual = input.Clone();
            new SpecAugment(options).Apply(actual, new Generator(seed));
            Assert.Equal(Expected(input, options, seed).ToArray(), actual.ToArray());
        }
    }

    [Fact]
    public void MaskParamLargerThanTheAxisIsClippedLikeTorchaudio()
    {
        var options = new SpecAugmentOptions { FreqMasks = 3, FreqMaskParam = 40, TimeMasks = 3, TimeMaskParam = 50 };
        var input = BatchFixtures.Random(5, 4, 2, 6, 9, offset: 1f);
        var actual = input.Clone();
        new SpecAugment(options).Apply(actual, new Generator(9));
        Assert.Equal(Expected(input, options, 9).ToArray(), actual.ToArray());
    }

    [Fact]
    public void WidthsStayBelowTheMaskParamAndInsideTheAxis()
    {
        var g = new Generator(3);
        int widest = 0;
        for (int i = 0; i < 20000; i++)
        {
            var (start, end) = SpecAugment.DrawMask(g, 10, 64);
            Assert.InRange(start, 0, 64);
            Assert.InRange(end, start, 64);
            Assert.InRange(end - start, 0, 9);
            widest = Math.Max(widest, end - start);
        }
        Assert.Equal(9, widest);
    }

    [Fact]
    public void ASingleFrequencyMaskBlanksWholeMelRowsOfOneContiguousBand()
    {
        var options = new SpecAugmentOptions { FreqMasks = 1, FreqMaskParam = 6, TimeMasks = 0 };
        var x = BatchFixtures.Random(8, 50, 1, 20, 15, offset: 10f);
        new SpecAugment(options).Apply(x, new Generator(8));
        for (int b = 0; b < 50; b++)
        {
            var masked = Enumerable.Range(0, 20).Where(m => Enumerable.Range(0, 15).All(t => BatchFixtures.At(x, b, 0, m, t) == 0f)).ToArray();
            var touched = Enumerable.Range(0, 20).Where(m => Enumerable.Range(0, 15).Any(t => BatchFixtures.At(x, b, 0, m, t) == 0f)).ToArray();
            Assert.Equal(masked, touched);
            Assert.InRange(masked.Length, 0, 5);
            if (masked.Length > 0) Assert.Equal(masked.Length - 1, masked[^1] - masked[0]);
        }
    }

    [Fact]
    public void ProbabilityPIsRespectedPerSample()
    {
        var options = new SpecAugmentOptions { P = 0.3f, FreqMasks = 0, TimeMasks = 1, TimeMaskParam = 2000 };
        var x = Tensor.Ones(4000, 1, 1, 1000);
        new SpecAugment(options).Apply(x, new Generator(77));
        int touched = 0;
        for (int b = 0; b < 4000; b++)
            if (x.Span.Slice(b * 1000, 1000).Contains(0f)) touched++;
        // Widths drawn below 2000 on 1000 frames are almost never zero, so touched ~ Binomial(4000, 0.3): sd ~ 29.
        Assert.InRange(touched, 1200 - 120, 1200 + 120);
    }

    [Fact]
    public void SameSeedGivesTheSameBatchAndAnotherSeedADifferentOne()
    {
        var options = new SpecAugmentOptions { FreqMasks = 2, FreqMaskParam = 8, TimeMasks = 2, TimeMaskParam = 10 };
        Tensor Run(ulong seed)
        {
            var x = BatchFixtures.Random(1, 6, 1, 32, 40, offset: 5f);
            new SpecAugment(options).Apply(x, new Generator(seed));
            return x;
        }
        Assert.Equal(Run(10).ToArray(), Run(10).ToArray());
        Assert.NotEqual(Run(10).ToArray(), Run(11).ToArray());
    }

    [Fact]
    public void RejectsBadOptionsAndShapesWithNamedMessages()
    {
        Assert.Contains("spec_augment.p", Assert.ThrowsAny<ArgumentException>(() => new SpecAugment(new SpecAugmentOptions { P = 1.5f })).Message);
        Assert.Contains("freq_mask_param", Assert.ThrowsAny<ArgumentException>(() => new SpecAugment(new SpecAugmentOptions { FreqMaskParam = -1 })).Message);
        var error = Assert.Throws<ShapeException>(() => new SpecAugment(new SpecAugmentOptions()).Apply(Tensor.Zeros(2, 3, 4), new Generator(1)));
        Assert.Contains("SpecAugment", error.Message);
        Assert.Contains("[2, 3, 4]", error.Message);
    }
}
