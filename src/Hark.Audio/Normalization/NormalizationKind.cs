namespace Hark.Audio.Normalization;

/// <summary>How a front end rescales its [n_mels, frames] features after dB conversion.</summary>
public enum NormalizationKind
{
    None,

    /// <summary>(x - mean) / (std + epsilon) over the whole clip (population std).</summary>
    PerClipStandardization,

    /// <summary>(x - mean[m]) / (std[m] + epsilon) with per-mel-bin statistics fitted on a training set (PANNs-style).</summary>
    MelBinStandardization,

    /// <summary>(x - min) / (max - min) with the global minimum and maximum fitted on a training set (Keras-style min-max scaling).</summary>
    MinMax,
}
