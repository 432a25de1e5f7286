using Hark.Tensors;
using Hark.Tensors.Serialization;

namespace Hark.Audio.Tests.Fixtures;

/// <summary>Loads the golden files written by generate_dsp_fixtures.py (committed beside it).</summary>
public static class DspFixtures
{
    public static string PathOf(string file) =>
        Path.Combine(SharedData.RepositoryRoot, "tests", "Hark.Audio.Tests", "Fixtures", file);

    public static Dictionary<string, Tensor> Load(string file, out Dictionary<string, string> metadata) =>
        SafeTensors.Read(File.ReadAllBytes(PathOf(file)), out metadata);

    public static Dictionary<string, Tensor> Load(string file) => Load(file, out _);

    /// <summary>Rebuilds a dense [n_mels, bins] filter bank from the sparse starts/lengths/values triple.</summary>
    public static float[] DenseBank(Dictionary<string, Tensor> tensors, string prefix, int bins)
    {
        var starts = tensors[prefix + ".starts"].ToArray();
        var lengths = tensors[prefix + ".lengths"].ToArray();
        var values = tensors[prefix + ".values"].ToArray();
        var dense = new float[starts.Length * bins];
        int cursor = 0;
        for (int m = 0; m < starts.Length; m++)
            for (int k = 0; k < (int)lengths[m]; k++)
                dense[m * bins + (int)starts[m] + k] = values[cursor++];
        return dense;
    }

    public static double MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        return max;
    }

    /// <summary>A deterministic waveform (noise plus tones) for tests that need no golden file.</summary>
    public static float[] Noise(int samples, ulong seed, float amplitude = 0.5f)
    {
        var generator = new Generator(seed);
        var x = new float[samples];
        for (int i = 0; i < samples; i++) x[i] = amplitude * (float)(0.3 * generator.NextGaussian() + 0.5 * Math.Sin(i * 0.05));
        return x;
    }
}
