using Hark.Tensors.Backends;
namespace Hark.Tensors.Tests.Ops;

/// <summary>Seeded test inputs and tolerance checks shared by the op tests.</summary>
internal static class Numbers
{
    public static float[] Gaussian(Generator random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)random.NextGaussian();
        return values;
    }

    public static Tensor Leaf(Generator random, params int[] shape) =>
        new(new CpuStorage(Gaussian(random, Tensor.Zeros(shape).Numel)), shape) { RequiresGrad = true };

    public static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);

    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double atol, double rtol, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: length {actual.Length}, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            Assert.True(error <= atol + rtol * Math.Abs(expected[i]), $"{what}[{i}]: got {actual[i]}, expected {expected[i]} (error {error:g3})");
        }
    }

    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double atol, double rtol, string what) =>
        AssertClose(ToDouble(expected.ToArray()), actual, atol, rtol, what);
}
