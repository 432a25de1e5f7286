using Hark.Data;

namespace Hark.Training.Configuration;

/// <summary>Where the examples come from and how they are split.</summary>
public sealed class DataConfig
{
    /// <summary>A metadata CSV (path,label[,split] / path,labels,split / fname,labels / id,input_1..N[,target]) or a folder of class folders.</summary>
    public string Source { get; set; } = "";

    /// <summary>Optional sample_submission.csv whose columns fix the class order of multi-label data.</summary>
    public string? ClassOrder { get; set; }

    /// <summary>
    /// Where validation rows come from when the data marks none (rows marked split=val always validate): stratified
    /// holds out <see cref="ValFraction"/> of the training rows, stratified by class, and group whole
    /// <see cref="GroupColumn"/> values, and the epoch that scores best on them is kept; column (none is the same) holds
    /// nothing out, so every row trains and the final epoch is kept; auto (the default) is column unless the recipe
    /// steers training by validation scores, then stratified (<see cref="ValidationRule"/>, with the measurement).
    /// </summary>
    public string Validation { get; set; } = ValidationRule.Auto;
    public float ValFraction { get; set; } = 0.15f;

    /// <summary>Column whose values must not be split across train and validation (e.g. speaker) for group validation.</summary>
    public string? GroupColumn { get; set; }

    /// <summary>
    /// Feature cache folder: auto (the per-user cache, ~/.cache/hark/features), none (no cache) or a path.
    /// See <see cref="Hark.Features.Extraction.FeatureCacheLocation"/>.
    /// </summary>
    public string CacheDir { get; set; } = Hark.Features.Extraction.FeatureCacheLocation.Auto;

    /// <summary>
    /// Folder every file the data names must lie in (<c>--data-root</c>); rows pointing elsewhere are refused unread.
    /// Null: any path is read, and paths outside the data's own folder tree are reported.
    /// </summary>
    public string? Root { get; set; }

    /// <summary>
    /// Replace NaN, infinite or absurd samples by 0 (a warning names each file) instead of refusing the file as unreadable;
    /// features of repaired audio are not cached.
    /// </summary>
    public bool ReplaceBadSamples { get; set; }

    /// <summary>What to do with unreadable or unknown examples: skip (report and continue) or fail.</summary>
    public string OnBadInput { get; set; } = "skip";

    /// <summary><see cref="OnBadInput"/> as the policy every reader takes; a value other than skip or fail is a <see cref="ConfigException"/>.</summary>
    public ProblemPolicy BadInputPolicy => OnBadInput switch
    {
        "skip" => ProblemPolicy.SkipAndReport,
        "fail" => ProblemPolicy.Fail,
        _ => throw new ConfigException($"data.on_bad_input={OnBadInput}: expected skip or fail"),
    };
}
