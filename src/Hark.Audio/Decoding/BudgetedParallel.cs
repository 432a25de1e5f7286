namespace Hark.Audio;

/// <summary>
/// A parallel loop over files in which one file cannot stall the rest: each call gets a time budget, and a worker whose
/// file runs past it cancels the call's token, records the index and moves on to the next file, leaving the abandoned
/// call to stop at its next check of the token (decoding and feature code between steps) or to finish on its own thread.
/// Workers are threads of their own, so calls waiting on the thread pool never starve them.
/// </summary>
public static class BudgetedParallel
{
    /// <summary>The per-file budget of batch extraction unless the caller gives another: far beyond what an hour of audio takes to decode and turn into features.</summary>
    public static readonly TimeSpan DefaultFileBudget = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Calls <paramref name="body"/> for indices 0..count-1 on up to <paramref name="maxDegreeOfParallelism"/> workers,
    /// each call within <paramref name="budget"/> (no limit when null), until every index ran or
    /// <paramref name="stopRequested"/> says so. Returns the indices that ran past the budget, in ascending order.
    /// Exceptions from <paramref name="body"/> propagate (the first one, after every worker stopped).
    /// </summary>
    public static IReadOnlyList<int> For(int count, int maxDegreeOfParallelism, TimeSpan? budget, Action<int, CancellationToken> body, Func<bool>? stopRequested = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (maxDegreeOfParallelism < 1) maxDegreeOfParallelism = Environment.ProcessorCount;
        var overBudget = new List<int>();
        Exception? failure = null;
        int next = -1;
        void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && Volatile.Read(ref failure) is null && stopRequested?.Invoke() != true)
            {
                try
                {
                    if (budget is not { } limit) { body(i, CancellationToken.None); continue; }
                    var cancellation = new CancellationTokenSource();
                    var call = Task.Run(() => body(i, cancellation.Token), CancellationToken.None);
                    if (Task.WaitAny([call], limit) < 0)
                    {
                        cancellation.Cancel();
                        lock (overBudget) overBudget.Add(i);
                        call.ContinueWith(_ => cancellation.Dispose(), TaskScheduler.Default);
                        continue;
                    }
                    cancellation.Dispose();
                    call.GetAwaiter().GetResult();
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            }
        }
        var workers = Enumerable.Range(0, Math.Min(maxDegreeOfParallelism, Math.Max(1, count)))
            .Select(_ => new Thread(Work) { IsBackground = true, Name = "hark-batch" }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        overBudget.Sort();
        return overBudget;
    }

    /// <summary>The reason recorded for a file that ran past its budget.</summary>
    public static string OverBudgetReason(TimeSpan budget) =>
        $"took longer than the per-file time budget of {budget.TotalSeconds:0.###} s to decode and turn into features; skipped so the other files could go on";
}
