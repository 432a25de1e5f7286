namespace Hark.Audio.Normalization;

/// <summary>
/// A feature normaliser and its fitted state, small enough to live in a run directory's configuration:
/// <see cref="Kind"/>, the fitted statistics it needs, and an optional clamp applied last.
/// Use <see cref="FeatureStatistics"/> to fit <see cref="NormalizationKind.MelBinStandardization"/> and <see cref="NormalizationKind.MinMax"/>.
/// </summary>
public sealed record NormalizationOptions
{
    public NormalizationKind Kind { get; init; } = NormalizationKind.None;

    public double Epsilon { get; init; } = 1e-6;

    /// <summary>Per-mel-bin means (MelBinStandardization).</summary>
    public double[]? Mean { get; init; }

    /// <summary>Per-mel-bin population standard deviations (MelBinStandardization).</summary>
    public double[]? Std { get; init; }

    /// <summary>Training-set minimum (MinMax).</summary>
    public double? Min { get; init; }

    /// <summary>Training-set maximum (MinMax).</summary>
    public double? Max { get; init; }

    /// <summary>When set, values are clamped to [ClampMin, ClampMax] after normalising.</summary>
    public double? ClampMin { get; init; }

    public double? ClampMax { get; init; }

    public static NormalizationOptions None { get; } = new();

    public static NormalizationOptions PerClip { get; } = new() { Kind = NormalizationKind.PerClipStandardization };

    /// <summary>Adds a clamp to [min, max].</summary>
    public NormalizationOptions WithClamp(double min, double max) => this with { ClampMin = min, ClampMax = max };
}
