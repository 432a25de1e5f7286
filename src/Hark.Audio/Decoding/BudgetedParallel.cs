using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Hark.Audio;

/// <summary>
/// A parallel loop over files in which one file cannot stall the rest: each call gets a time budget, and a worker whose
/// file runs past it cancels the call's token, records the index and moves on to the next file, leaving the abandoned
/// call to stop at its next check of the token (decoding and feature code between steps) or to finish on its own thread.
/// Workers are threads of their own, so calls waiting on the thread pool never starve them; a call's budget counts from
/// the moment it starts running, so a call still queued for a pool thread (busy with other work, or held by a call
/// abandoned earlier) is not charged for the wait.
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
                    var startedAt = new StrongBox<long>();
                    var call = Task.Run(() =>
                    {
                        Volatile.Write(ref startedAt.Value, Stopwatch.GetTimestamp());
                        body(i, cancellation.Token);
                    }, CancellationToken.None);
                    if (!FinishesWithinBudget(call, startedAt, limit))
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

    // waits for call until it has run for budget since startedAt (0 while it waits for a thread); false when it has not finished by then
    private static bool FinishesWithinBudget(Task call, StrongBox<long> startedAt, TimeSpan budget)
    {
        while (true)
        {
            long start = Volatile.Read(ref startedAt.Value);
            var wait = start == 0 ? budget : budget - Stopwatch.GetElapsedTime(start);
            if (wait <= TimeSpan.Zero) return call.IsCompleted;
            if (Task.WaitAny([call], wait) >= 0) return true;
        }
    }

    /// <summary>The reason recorded for a file that ran past its budget.</summary>
    public static string OverBudgetReason(TimeSpan budget) =>
        $"took longer than the per-file time budget of {budget.TotalSeconds:0.###} s to decode and turn into features; skipped so the other files could go on";
}
