namespace Hark.Testing;

/// <summary>Comparisons of outputs with PyTorch's, relative to the expected values' scale.</summary>
public static class Close
{
    /// <summary>Each value within <paramref name="tolerance"/> of the largest expected magnitude plus <paramref name="tolerance"/> of its own.</summary>
    public static void Relative(float[] expected, float[] actual, string what, double tolerance = 1e-3)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(Math.Abs);
        Assert.True(scale > 0, $"{what}: the expected values are all zero, so the comparison would prove nothing");
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * scale + tolerance * Math.Abs(expected[i]), $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
    }
}
