using Hark.Audio.Augmentation;
using Hark.Tensors;
using Hark.Features.Augmentation;

namespace Hark.Features.Tests.Augmentation;

public class LevelAugmentationTests
{
    [Theory]
    [InlineData(LogScale.PowerDecibels)]
    [InlineData(LogScale.NaturalLogPower)]
    public void RandomGainAddsTheLogImageOfABoundedGain(LogScale scale)
    {
        var input = BatchFixtures.Random(2, 200, 1, 4, 5);
        var x = input.Clone();
        var options = new RandomGainOptions { P = 0.6f, MinGainDb = -3f, MaxGainDb = 9f, Scale = scale };
        new RandomGain(options).Apply(x, new Generator(21));
        var g = new Generator(21);
        int changed = 0;
        for (int b = 0; b < 200; b++)
        {
            double expectedOffset = 0;
            if (g.NextFloat() < 0.6f)
            {
                double gain = -3 + 12 * g.NextDouble();
                Assert.InRange(gain, -3, 9);
                expectedOffset = scale == LogScale.PowerDecibels ? gain : gain * Math.Log(10) / 10;
                changed++;
            }
            for (int i = 0; i < 20; i++)
                Assert.Equal(input.Span[b * 20 + i] + expectedOffset, x.Span[b * 20 + i], tolerance: 2e-5);
        }
        Assert.InRange(changed, 120 - 25, 120 + 25);
    }

    [Fact]
    public void GainOffsetsAreThePowerRatioInLogUnits()
    {
        // +10 dB multiplies power by 10: 10 dB on a dB scale, ln(10) on a natural-log scale.
        Assert.Equal(10.0, RandomGain.Offset(10, LogScale.PowerDecibels), 12);
        Assert.Equal(Math.Log(10), RandomGain.Offset(10, LogScale.NaturalLogPower), 12);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(10f)]
    [InlineData(25f)]
    public void NoiseReachesTheTargetSnrOnEverySample(float snrDb)
    {
        var input = BatchFixtures.Random(3, 8, 2, 16, 32, offset: 0.5f);
        var x = input.Clone();
        new GaussianNoise(new NoiseOptions { P = 1f, MinSnrDb = snrDb, MaxSnrDb = snrDb }).Apply(x, new Generator(3));
        int sampleSize = 2 * 16 * 32;
        for (int b = 0; b < 8; b++)
        {
            double signal = 0, noise = 0;
            for (int i = b * sampleSize; i < (b + 1) * sampleSize; i++)
            {
                signal += (double)input.Span[i] * input.Span[i];
                double d = x.Span[i] - input.Span[i];
                noise += d * d;
            }
            Assert.InRange(10 * Math.Log10(signal / noise), snrDb - 0.5, snrDb + 0.5);
        }
    }

    [Fact]
    public void NoiseIsSeededAndSkipsSamplesByP()
    {
        Tensor Run(ulong seed, float p)
        {
            var x = BatchFixtures.Random(1, 400, 1, 2, 3, offset: 1f);
            new GaussianNoise(new NoiseOptions { P = p, MinSnrDb = 5, MaxSnrDb = 15 }).Apply(x, new Generator(seed));
            return x;
        }
        Assert.Equal(Run(4, 0.5f).ToArray(), Run(4, 0.5f).ToArray());
        Assert.NotEqual(Run(4, 0.5f).ToArray(), Run(5, 0.5f).ToArray());
        var clean = BatchFixtures.Random(1, 400, 1, 2, 3, offset: 1f).ToArray();
        var noisy = Run(4, 0.25f).ToArray();
        int changed = Enumerable.Range(0, 400).Count(b => !clean.AsSpan(b * 6, 6).SequenceEqual(noisy.AsSpan(b * 6, 6)));
        Assert.InRange(changed, 100 - 30, 100 + 30);
    }

    [Fact]
    public void ChainAppliesTheEnabledStepsInTheDocumentedOrder()
    {
        var options = new SpectrogramAugmentationOptions
        {
            SpecAugment = new SpecAugmentOptions(),
            TimeFlip = new TimeFlipOptions(),
            RandomGain = new RandomGainOptions(),
        };
        var chain = new SpectrogramAugmentations(options);
        Assert.Equal(new[] { typeof(RandomGain), typeof(TimeFlip), typeof(SpecAugment) }, chain.Steps.Select(s => s.GetType()));

        var x = BatchFixtures.Random(1, 4, 1, 8, 12);
        chain.Apply(x, new Generator(9));
        var expected = BatchFixtures.Random(1, 4, 1, 8, 12);
        var g = new Generator(9);
        new RandomGain(options.RandomGain).Apply(expected, g);
        new TimeFlip(options.TimeFlip).Apply(expected, g);
        new SpecAugment(options.SpecAugment).Apply(expected, g);
        Assert.Equal(expected.ToArray(), x.ToArray());
    }
}
