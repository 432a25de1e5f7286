using Hark.Audio;
using Hark.Data;

namespace Hark.Features.Extraction;

/// <summary>How a batch of files is turned into features.</summary>
public sealed record ExtractionOptions
{
    /// <summary>Whether a bad file is reported and skipped (the default) or ends the batch.</summary>
    public ProblemPolicy OnBadFile { get; init; } = ProblemPolicy.SkipAndReport;

    /// <summary>
    /// Threads working at once, the calling thread included; one per core by default. (-1 lets the thread pool add threads
    /// beyond the cores, which only slows a batch of short, memory-bound reads such as a warm cache run.)
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Longest one file may take; past it the file is reported as a problem and the batch goes on (null: no limit).</summary>
    public TimeSpan? FileTimeBudget { get; init; } = BudgetedParallel.DefaultFileBudget;
}
