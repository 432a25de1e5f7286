using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Hark.Tensors;

namespace Hark.Audio.Spectral;

/// <summary>The reference level that maps to 0 dB: a fixed value (librosa's and torchaudio's default is 1.0), or the clip's maximum (librosa's <c>ref=np.max</c>).</summary>
public readonly record struct DbReference(double Value, bool IsClipMaximum)
{
    public static DbReference One => new(1.0, false);

    public static DbReference ClipMaximum => new(double.NaN, true);

    public static DbReference Fixed(double value) => new(value, false);

    public override string ToString() => IsClipMaximum ? "max" : Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// power_to_db settings (librosa.power_to_db; torchaudio.transforms.AmplitudeToDB with stype "power", or "magnitude" via
/// <see cref="Multiplier"/> 20): y = multiplier * log10(max(x, amin)) - multiplier * log10(max(amin, ref)), then, when
/// <see cref="TopDb"/> is set, y = max(y, max(y) - top_db) over the whole spectrogram.
/// </summary>
public sealed record PowerToDbOptions
{
    /// <summary>10 for power spectrograms, 20 for magnitudes.</summary>
    public double Multiplier { get; init; } = 10.0;

    public DbReference Ref { get; init; } = DbReference.One;

    public double Amin { get; init; } = 1e-10;

    /// <summary>Dynamic range floor below the maximum; null disables it (torchaudio's AmplitudeToDB default).</summary>
    public double? TopDb { get; init; }
}

/// <summary>Converts a power (or magnitude) spectrogram to decibels in place; allocation-free.</summary>
public static class PowerToDb
{
    /// <summary>Converts <paramref name="values"/> (any layout: the top_db floor is taken over all of them) in place.</summary>
    public static void Apply(Span<float> values, PowerToDbOptions options)
    {
        if (options.Amin <= 0) throw new ArgumentException($"PowerToDb: amin must be > 0; got {options.Amin}");
        if (options.TopDb is < 0) throw new ArgumentException($"PowerToDb: top_db must be >= 0; got {options.TopDb}");
        if (values.IsEmpty) return;
        double reference = options.Ref.IsClipMaximum ? TensorPrimitives.Max(values) : options.Ref.Value;
        float offset = (float)(options.Multiplier * Math.Log10(Math.Max(options.Amin, reference)));
        TensorPrimitives.Max(values, (float)options.Amin, values);
        TensorPrimitives.Log10(values, values);
        TensorPrimitives.Multiply(values, (float)options.Multiplier, values);
        TensorPrimitives.Subtract(values, offset, values);
        if (options.TopDb is { } topDb)
            TensorPrimitives.Max(values, TensorPrimitives.Max(values) - (float)topDb, values);
    }

    /// <summary>The scalar reference for <see cref="Apply(Span{float}, PowerToDbOptions)"/>, element by element in double precision.</summary>
    public static void ApplyReference(Span<float> values, PowerToDbOptions options)
    {
        if (values.IsEmpty) return;
        double max = double.NegativeInfinity;
        foreach (var v in values) max = Math.Max(max, v);
        double reference = options.Ref.IsClipMaximum ? max : options.Ref.Value;
        double offset = options.Multiplier * Math.Log10(Math.Max(options.Amin, reference));
        double top = double.NegativeInfinity;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(options.Multiplier * Math.Log10(Math.Max(values[i], options.Amin)) - offset);
            top = Math.Max(top, values[i]);
        }
        if (options.TopDb is { } topDb)
            for (int i = 0; i < values.Length; i++) values[i] = (float)Math.Max(values[i], top - topDb);
    }

    /// <summary>Returns a new tensor in dB.</summary>
    public static Tensor Apply(Tensor spectrogram, PowerToDbOptions options)
    {
        var result = spectrogram.Detach().Clone();
        Apply(result.Span, options);
        return result;
    }
}
