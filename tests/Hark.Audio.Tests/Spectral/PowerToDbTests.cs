using Hark.Audio.Spectral;
using Hark.Audio.Tests.Fixtures;

namespace Hark.Audio.Tests.Spectral;

public class PowerToDbTests
{
    public static IEnumerable<object[]> Lengths() => Enumerable.Range(0, 258).Where(n => n < 20 || n % 17 == 0 || n == 257).Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Lengths))]
    public void VectorisedConversionEqualsTheScalarReference(int n)
    {
        foreach (var options in new[]
                 {
                     new PowerToDbOptions(),
                     new PowerToDbOptions { TopDb = 20, Ref = DbReference.ClipMaximum },
                     new PowerToDbOptions { Multiplier = 20, Amin = 1e-5, Ref = DbReference.Fixed(0.5) },
                 })
        {
            var x = DspFixtures.Noise(n, (ulong)n + 1).Select(v => v * v * (n % 3 == 0 ? 1e-9f : 1f)).ToArray();
            var fast = (float[])x.Clone();
            var reference = (float[])x.Clone();
            PowerToDb.Apply(fast, options);
            PowerToDb.ApplyReference(reference, options);
            for (int i = 0; i < n; i++) Assert.Equal(reference[i], fast[i], 1e-4f);
        }
    }

    [Fact]
    public void TopDbFloorsAtTheMaximumMinusTopDb()
    {
        float[] x = [1f, 1e-3f, 1e-12f];
        PowerToDb.Apply(x, new PowerToDbOptions { TopDb = 20 });
        Assert.Equal([0f, -20f, -20f], x);
    }
}
