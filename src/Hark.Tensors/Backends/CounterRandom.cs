namespace Hark.Tensors.Backends;

/// <summary>
/// Random numbers addressed by (seed, index) instead of drawn in sequence, so a kernel on any device can draw element
/// i on its own and every backend draws the same values (SplitMix64's finaliser over seed + index times the golden ratio).
/// </summary>
public static class CounterRandom
{
    /// <summary>A uniform float in [0, 1) with 24 random bits, as <see cref="Generator.NextFloat"/> has.</summary>
    public static float Uniform(ulong seed, long index)
    {
        ulong z = seed + 0x9E3779B97F4A7C15UL * (ulong)(index + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 40) * (1f / (1 << 24));
    }

    /// <summary>The inverted-dropout mask value of element <paramref name="index"/>: 0 with probability p, else 1 / (1 - p) (0 when p is 1).</summary>
    public static float DropoutMask(ulong seed, long index, float p) =>
        Uniform(seed, index) < p ? 0f : p == 1f ? 0f : 1f / (1f - p);
}
