namespace Hark.Tensors;

/// <summary>
/// A seeded random source (xoshiro128**, seeded through SplitMix64) that gives the same sequence on every platform
/// and .NET version, so a run is reproducible from its saved seed. Not thread-safe: give each worker its own <see cref="Fork"/>.
/// </summary>
public sealed class Generator
{
    private uint s0, s1, s2, s3;
    private double? spareGaussian;

    public Generator(ulong seed) => Reseed(seed);

    /// <summary>Restarts the stream as a new generator with <paramref name="seed"/> would (used to make each training epoch's randomness depend on the epoch alone).</summary>
    public void Reseed(ulong seed)
    {
        Seed = seed;
        spareGaussian = null;
        ulong x = seed;
        ulong a = SplitMix64(ref x), b = SplitMix64(ref x);
        s0 = (uint)a; s1 = (uint)(a >> 32); s2 = (uint)b; s3 = (uint)(b >> 32);
        if ((s0 | s1 | s2 | s3) == 0) s0 = 1;
    }

    public ulong Seed { get; private set; }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public uint NextUInt32()
    {
        uint result = uint.RotateLeft(s1 * 5, 7) * 9;
        uint t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
        s2 ^= t;
        s3 = uint.RotateLeft(s3, 11);
        return result;
    }

    /// <summary>A new independent generator derived from this one's stream.</summary>
    public Generator Fork() => new(((ulong)NextUInt32() << 32) | NextUInt32());

    /// <summary>Uniform in [0, 1) with 24 random bits, as float32 sampling does.</summary>
    public float NextFloat() => (NextUInt32() >> 8) * (1f / (1 << 24));

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => ((((ulong)NextUInt32() << 32) | NextUInt32()) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="exclusiveMax"/>), without modulo bias.</summary>
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0) throw new ArgumentOutOfRangeException(nameof(exclusiveMax), exclusiveMax, "must be positive");
        ulong product = (ulong)NextUInt32() * (uint)exclusiveMax;
        uint low = (uint)product;
        if (low < (uint)exclusiveMax)
        {
            uint threshold = (uint)(-exclusiveMax) % (uint)exclusiveMax;
            while (low < threshold)
            {
                product = (ulong)NextUInt32() * (uint)exclusiveMax;
                low = (uint)product;
            }
        }
        return (int)(product >> 32);
    }

    /// <summary>Uniform integer in [<paramref name="min"/>, <paramref name="inclusiveMax"/>], like Python's random.randint.</summary>
    public int NextInt(int min, int inclusiveMax) => min + NextInt(inclusiveMax - min + 1);

    /// <summary>Standard normal sample (Box-Muller; the second value of each pair is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (spareGaussian is double spare)
        {
            spareGaussian = null;
            return spare;
        }
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        spareGaussian = radius * Math.Sin(2 * Math.PI * u2);
        return radius * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0..n-1, like torch.randperm.</summary>
    public int[] Permutation(int n)
    {
        var p = Enumerable.Range(0, n).ToArray();
        Shuffle(p.AsSpan());
        return p;
    }
}
