using System.Diagnostics;

namespace Hark.Serving.Hosting;

/// <summary>
/// A request's time limit. Its token cancels work in progress when the timer fires; <see cref="ThrowIfPassed"/> also
/// refuses a result that was finished after the limit but before the timer fired (a timer fires late on a busy
/// machine, and a 1 ms limit can be shorter than its resolution), so the answer never depends on that race.
/// </summary>
internal sealed class RequestDeadline : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly TimeSpan limit;

    public RequestDeadline(CancellationToken requestAborted, TimeSpan limit)
    {
        this.limit = limit;
        source = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        source.CancelAfter(limit);
    }

    public CancellationToken Token => source.Token;

    public void ThrowIfPassed()
    {
        source.Token.ThrowIfCancellationRequested();
        if (Stopwatch.GetElapsedTime(started) >= limit) throw new OperationCanceledException("the request timeout passed");
    }

    public void Dispose() => source.Dispose();
}
