namespace Hark.Training.Configuration;

/// <summary>Where the examples come from and how they are split.</summary>
public sealed class DataConfig
{
    /// <summary>A metadata CSV (path,label[,split] / path,labels,split / fname,labels / id,input_1..N[,target]) or a folder of class folders.</summary>
    public string Source { get; set; } = "";

    /// <summary>Optional sample_submission.csv whose columns fix the class order of multi-label data.</summary>
    public string? ClassOrder { get; set; }

    /// <summary>column (use the CSV's split column), stratified (hold out a stratified validation fraction) or group.</summary>
    public string Validation { get; set; } = "stratified";
    public float ValFraction { get; set; } = 0.15f;

    /// <summary>Column whose values must not be split across train and validation (e.g. speaker) for group validation.</summary>
    public string? GroupColumn { get; set; }

    /// <summary>
    /// Feature cache folder: auto (a .hark-cache folder beside the data), none (no cache) or a path.
    /// See <see cref="Features.FeatureCacheLocation"/>.
    /// </summary>
    public string CacheDir { get; set; } = Features.FeatureCacheLocation.Auto;

    /// <summary>What to do with unreadable or unknown examples: skip (report and continue) or fail.</summary>
    public string OnBadInput { get; set; } = "skip";
}
