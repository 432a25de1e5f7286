using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// The one thread that makes every oneDNN call, waited on by the caller. Debian's oneDNN runs on OpenMP, and calls from
/// a changing set of threads, even one at a time, crashed inside the library (a stress run of four tasks, each on a
/// thread-pool thread); from a single thread they never did. The thread gets a full 8 MiB stack like a main thread.
/// </summary>
internal static class OneDnnThread
{
    private sealed class WorkItem(Action work)
    {
        public Action Work { get; } = work;
        public ManualResetEventSlim Done { get; } = new();
        public ExceptionDispatchInfo? Error { get; set; }
    }

    private static readonly BlockingCollection<WorkItem> Queue = new();

    static OneDnnThread()
    {
        new Thread(Loop, maxStackSize: 8 << 20) { IsBackground = true, Name = "hark oneDNN" }.Start();
    }

    /// <summary>Runs <paramref name="work"/> on the oneDNN thread and returns when it has finished, rethrowing what it threw.</summary>
    public static void Run(Action work)
    {
        var item = new WorkItem(work);
        Queue.Add(item);
        item.Done.Wait();
        item.Done.Dispose();
        item.Error?.Throw();
    }

    private static void Loop()
    {
        foreach (var item in Queue.GetConsumingEnumerable())
        {
            try
            {
                item.Work();
            }
            catch (Exception e)
            {
                item.Error = ExceptionDispatchInfo.Capture(e);
            }
            item.Done.Set();
        }
    }
}
