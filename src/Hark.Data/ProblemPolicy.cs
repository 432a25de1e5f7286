namespace Hark.Data;

/// <summary>What a data source does with rows that have problems: they are never dropped silently.</summary>
public enum ProblemPolicy
{
    /// <summary>Throw a <see cref="DataProblemsException"/> listing every problem.</summary>
    Fail,

    /// <summary>Leave the rows out of <see cref="Dataset.Items"/> and list them in <see cref="Dataset.Problems"/>.</summary>
    SkipAndReport,
}
