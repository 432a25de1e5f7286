using System.Numerics.Tensors;

namespace Hark.Audio.Normalization;

/// <summary>Applies <see cref="NormalizationOptions"/> in place to features laid out [n_mels, frames]; allocation-free.</summary>
public static class FeatureNormalizer
{
    public static void Apply(Span<float> features, int nMels, NormalizationOptions options)
    {
        if (nMels < 1 || features.Length % nMels != 0)
            throw new ArgumentException($"FeatureNormalizer.Apply: expected features [n_mels={nMels}, frames]; got {features.Length} floats");
        int frames = features.Length / nMels;
        switch (options.Kind)
        {
            case NormalizationKind.None:
                break;
            case NormalizationKind.PerClipStandardization:
                if (features.IsEmpty) break;
                double mean = 0, squares = 0;
                foreach (var v in features) mean += v;
                mean /= features.Length;
                foreach (var v in features) squares += (v - mean) * (v - mean);
                double std = Math.Sqrt(squares / features.Length);
                TensorPrimitives.Subtract(features, (float)mean, features);
                TensorPrimitives.Multiply(features, (float)(1 / (std + options.Epsilon)), features);
                break;
            case NormalizationKind.MelBinStandardization:
                if (options.Mean is not { } means || options.Std is not { } stds || means.Length != nMels || stds.Length != nMels)
                    throw new ArgumentException($"FeatureNormalizer: MelBinStandardization needs Mean and Std of {nMels} values (fit them with FeatureStatistics); got {options.Mean?.Length.ToString() ?? "none"} and {options.Std?.Length.ToString() ?? "none"}");
                for (int m = 0; m < nMels; m++)
                {
                    var row = features.Slice(m * frames, frames);
                    TensorPrimitives.Subtract(row, (float)means[m], row);
                    TensorPrimitives.Multiply(row, (float)(1 / (stds[m] + options.Epsilon)), row);
                }
                break;
            case NormalizationKind.MinMax:
                if (options.Min is not { } min || options.Max is not { } max)
                    throw new ArgumentException("FeatureNormalizer: MinMax needs Min and Max (fit them with FeatureStatistics)");
                TensorPrimitives.Subtract(features, (float)min, features);
                TensorPrimitives.Multiply(features, (float)(1 / Math.Max(max - min, options.Epsilon)), features);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "FeatureNormalizer: unknown normalisation");
        }
        if (options.ClampMin is { } low)
            TensorPrimitives.Max(features, (float)low, features);
        if (options.ClampMax is { } high)
            TensorPrimitives.Min(features, (float)high, features);
    }
}
