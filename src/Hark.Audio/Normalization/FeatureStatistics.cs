namespace Hark.Audio.Normalization;

/// <summary>
/// Accumulates training-set statistics over many [n_mels, frames] feature arrays (in double, Chan's parallel update so the
/// order of clips does not matter to more than rounding), then produces fitted <see cref="NormalizationOptions"/>.
/// Not thread-safe: give each worker its own and <see cref="Merge"/> them.
/// </summary>
public sealed class FeatureStatistics
{
    private readonly long[] _count;
    private readonly double[] _mean;
    private readonly double[] _m2;

    public FeatureStatistics(int nMels)
    {
        if (nMels < 1) throw new ArgumentOutOfRangeException(nameof(nMels), nMels, "FeatureStatistics: n_mels must be >= 1");
        NMels = nMels;
        _count = new long[nMels];
        _mean = new double[nMels];
        _m2 = new double[nMels];
    }

    public int NMels { get; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public long Frames => _count[0];

    public void Add(ReadOnlySpan<float> features)
    {
        if (features.Length % NMels != 0)
            throw new ArgumentException($"FeatureStatistics.Add: expected features [n_mels={NMels}, frames]; got {features.Length} floats");
        int frames = features.Length / NMels;
        if (frames == 0) return;
        for (int m = 0; m < NMels; m++)
        {
            var row = features.Slice(m * frames, frames);
            double sum = 0;
            foreach (var v in row)
            {
                sum += v;
                if (v < Min) Min = v;
                if (v > Max) Max = v;
            }
            double mean = sum / frames, m2 = 0;
            foreach (var v in row) m2 += (v - mean) * (v - mean);
            Combine(m, frames, mean, m2);
        }
    }

    public void Merge(FeatureStatistics other)
    {
        if (other.NMels != NMels) throw new ArgumentException($"FeatureStatistics.Merge: n_mels {other.NMels} != {NMels}");
        for (int m = 0; m < NMels; m++)
            if (other._count[m] > 0) Combine(m, other._count[m], other._mean[m], other._m2[m]);
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>Per-mel-bin standardisation with these means and population standard deviations.</summary>
    public NormalizationOptions MelBinStandardization(double epsilon = 1e-6)
    {
        RequireData();
        return new()
        {
            Kind = NormalizationKind.MelBinStandardization,
            Epsilon = epsilon,
            Mean = (double[])_mean.Clone(),
            Std = _m2.Select((m2, m) => Math.Sqrt(m2 / _count[m])).ToArray(),
        };
    }

    /// <summary>Min-max scaling with this set's global minimum and maximum.</summary>
    public NormalizationOptions MinMax()
    {
        RequireData();
        return new() { Kind = NormalizationKind.MinMax, Min = Min, Max = Max };
    }

    private void RequireData()
    {
        if (_count[0] == 0) throw new InvalidOperationException("FeatureStatistics: no features were added; fit on at least one clip");
    }

    private void Combine(int m, long count, double mean, double m2)
    {
        long total = _count[m] + count;
        double delta = mean - _mean[m];
        _mean[m] += delta * count / total;
        _m2[m] += m2 + delta * delta * _count[m] * count / total;
        _count[m] = total;
    }
}
