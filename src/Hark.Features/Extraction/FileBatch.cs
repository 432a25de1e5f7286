using Hark.Audio;
using Hark.Data;

namespace Hark.Features.Extraction;

/// <summary>What <see cref="FileBatch.Run"/> did: one problem slot per index (null where the work succeeded) and the cache hits.</summary>
internal sealed record FileBatchOutcome(FeatureProblem?[] Problems, int CacheHits)
{
    public IReadOnlyList<FeatureProblem> Failures => Problems.OfType<FeatureProblem>().ToList();
}

/// <summary>
/// The one loop behind every batch feature extraction (in memory, into the cache, for `hark features`): work items run on
/// every core, each within the per-file time budget (<see cref="BudgetedParallel"/>); an input error (see
/// <see cref="FeatureProblem.IsInputError"/>) becomes the item's problem, and under <see cref="ProblemPolicy.Fail"/>
/// stops the batch and is rethrown, the first one in input order. Any other exception is a bug and propagates.
/// </summary>
internal static class FileBatch
{
    /// <param name="count">Number of work items.</param>
    /// <param name="pathOf">The file an item's problem names when its exception does not name one.</param>
    /// <param name="options">Policy, parallelism and budget.</param>
    /// <param name="work">Does item i; returns whether its features came from the cache.</param>
    /// <param name="progress">Told after every item.</param>
    public static FileBatchOutcome Run(int count, Func<int, string> pathOf, ExtractionOptions options,
        Func<int, CancellationToken, bool> work, IProgress<ExtractionProgress>? progress)
    {
        var problems = new FeatureProblem?[count];
        var errors = new Exception?[count];
        int completed = 0, failed = 0, hits = 0;
        bool stop = false;
        var overBudget = BudgetedParallel.For(count, options.MaxDegreeOfParallelism, options.FileTimeBudget, (i, cancellation) =>
        {
            try
            {
                if (work(i, cancellation)) Interlocked.Increment(ref hits);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return; // ran past its budget; BudgetedParallel has recorded it
            }
            catch (Exception e) when (FeatureProblem.IsInputError(e))
            {
                errors[i] = e;
                problems[i] = FeatureProblem.From(pathOf(i), e);
                Interlocked.Increment(ref failed);
                if (options.OnBadFile == ProblemPolicy.Fail) Volatile.Write(ref stop, true);
            }
            int done = Interlocked.Increment(ref completed);
            progress?.Report(new ExtractionProgress(done, count, Volatile.Read(ref failed), Volatile.Read(ref hits)));
        }, () => Volatile.Read(ref stop));
        foreach (int i in overBudget)
        {
            string reason = BudgetedParallel.OverBudgetReason(options.FileTimeBudget!.Value);
            problems[i] = new FeatureProblem(pathOf(i), reason);
            errors[i] = new AudioDecodeException(pathOf(i), reason);
        }
        if (options.OnBadFile == ProblemPolicy.Fail && Array.FindIndex(errors, e => e is not null) is int first and >= 0)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(errors[first]!);
        return new FileBatchOutcome(problems, hits);
    }
}
