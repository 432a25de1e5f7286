using Hark.Tensors;

namespace Hark.Models.Tests;

/// <summary>
/// The inputs and labels of Fixtures/make_seed_cnn_fixtures.py, recomputed from the same integer hash (lowbias32),
/// so the fixtures need not store them. Every value (k / 2^24) * 4 - 2 is exact in float32 on both sides.
/// </summary>
internal static class SeedCnnFixtureBatches
{
    public const int Batch = 4, Size = 32, Steps = 10, Classes = 16;

    private static uint Hash(long index, long seed)
    {
        uint x = unchecked((uint)index + (uint)seed * 0x01000193u);
        x ^= x >> 16;
        x = unchecked(x * 0x7FEB352Du);
        x ^= x >> 15;
        x = unchecked(x * 0x846CA68Bu);
        x ^= x >> 16;
        return x;
    }

    public static Tensor Images(int seed, int batch)
    {
        var values = new float[batch * 3 * Size * Size];
        for (int i = 0; i < values.Length; i++) values[i] = (float)((Hash(i, seed) >> 8) / (double)(1 << 24) * 4.0 - 2.0);
        return Tensor.FromArray(values, batch, 3, Size, Size);
    }

    public static int[] Labels(int seed, int batch) => Enumerable.Range(0, batch).Select(i => (int)(Hash(i, seed) % Classes)).ToArray();

    /// <param name="dataSeed">The seed the fixture script settled on (stored in seed_cnn_parity.safetensors).</param>
    public static Tensor[] TrainingInputs(int dataSeed, int step) => Enumerable.Range(0, 3).Select(b => Images(dataSeed + 3 * step + b, Batch)).ToArray();
    public static int[] TrainingLabels(int dataSeed, int step) => Labels(dataSeed + 800 + step, Batch);
    public static Tensor[] LogitInputs() => Enumerable.Range(0, 3).Select(b => Images(5000 + b, 2)).ToArray();
}
