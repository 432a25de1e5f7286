namespace Hark.Evaluation.Metrics;

/// <summary>How per-class (or per-sample) scores are combined, with scikit-learn's meanings.</summary>
public enum Average
{
    /// <summary>Unweighted mean over classes.</summary>
    Macro,

    /// <summary>Pool the counts (or, for ranking metrics, all sample-class pairs) over classes, then score once.</summary>
    Micro,

    /// <summary>Mean over classes weighted by each class's number of true samples (support).</summary>
    Weighted,

    /// <summary>Score each sample's label set, then average over samples (multi-label only).</summary>
    Samples,
}
