using System.Threading.Channels;
using Hark.Features.Examples;
using Hark.Inference;

namespace Hark.Serving.Batching;

/// <summary>
/// Dynamic batching: requests queue their prepared clips; each worker takes what is queued, waits up to
/// <c>batchWait</c> for clips that other requests are still decoding (only while some are), and runs them all in one
/// forward pass of the shared read-only model. At low load a clip runs at once; under load batches fill up, so
/// throughput grows with the number of clients. A failing batch fails its requests, never the workers.
/// </summary>
public sealed class InferenceBatcher : IAsyncDisposable
{
    private readonly Predictor predictor;
    private readonly int maxBatch;
    private readonly TimeSpan batchWait;
    private readonly Channel<WorkItem> queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Task[] workers;
    private int preparing;

    public InferenceBatcher(Predictor predictor, int maxBatch, TimeSpan batchWait, int workers)
    {
        this.predictor = predictor;
        this.maxBatch = maxBatch;
        this.batchWait = batchWait;
        this.workers = Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    /// <summary>
    /// Runs silent clips through the model in every batch size a request can cause (powers of two up to the largest
    /// batch), before the first request: the JIT compiles the hot paths and the storage pool holds buffers of every
    /// length serving will use, so the server's memory after start is what it stays at under load.
    /// </summary>
    public void WarmUp()
    {
        var silence = new Audio.Waveform(new float[predictor.FrontEndConfig.SampleRate], predictor.FrontEndConfig.SampleRate, 1);
        var clip = predictor.ClipFeatures(silence);
        for (int count = 1; ; count *= 2)
        {
            var clips = Enumerable.Repeat(clip, Math.Min(count, maxBatch)).ToList();
            predictor.PredictClips(clips);
            predictor.EmbedClips(clips);
            if (count >= maxBatch) break;
        }
    }

    /// <summary>Batches run so far and the clips they held (for /v1/model's statistics and the tests).</summary>
    public long Batches => Interlocked.Read(ref batches);
    public long Clips => Interlocked.Read(ref clips);
    public int LargestBatch => largestBatch;
    private long batches, clips;
    private int largestBatch;

    /// <summary>Marks <paramref name="count"/> clips as being prepared by a request, so batches wait briefly for them; dispose when they are queued or given up.</summary>
    public IDisposable Preparing(int count)
    {
        Interlocked.Add(ref preparing, count);
        return new PreparingScope(this, count);
    }

    public Task<float[]> PredictAsync(FeatureSet clip, CancellationToken cancellation) => Enqueue(clip, WorkKind.Predict, cancellation);

    public Task<float[]> EmbedAsync(FeatureSet clip, CancellationToken cancellation) => Enqueue(clip, WorkKind.Embed, cancellation);

    private Task<float[]> Enqueue(FeatureSet clip, WorkKind kind, CancellationToken cancellation)
    {
        var item = new WorkItem(clip, kind, new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(item)) throw new InvalidOperationException("the inference queue is closed (the server is shutting down)");
        return item.Result.Task.WaitAsync(cancellation);
    }

    private async Task WorkAsync()
    {
        var reader = queue.Reader;
        var batch = new List<WorkItem>(maxBatch);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            var deadline = DateTime.UtcNow + batchWait;
            while (batch.Count < maxBatch)
            {
                if (reader.TryRead(out var item)) { batch.Add(item); continue; }
                var left = deadline - DateTime.UtcNow;
                if (batch.Count > 0 && (Volatile.Read(ref preparing) == 0 || left <= TimeSpan.Zero)) break;
                if (batch.Count == 0) break;
                using var wait = new CancellationTokenSource(left);
                try
                {
                    if (!await reader.WaitToReadAsync(wait.Token)) break;
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            if (batch.Count > 0) Run(batch);
        }
    }

    private void Run(List<WorkItem> batch)
    {
        Interlocked.Increment(ref batches);
        Interlocked.Add(ref clips, batch.Count);
        int seen;
        while ((seen = largestBatch) < batch.Count && Interlocked.CompareExchange(ref largestBatch, batch.Count, seen) != seen) { }
        foreach (var kind in new[] { WorkKind.Predict, WorkKind.Embed })
        {
            var items = batch.Where(b => b.Kind == kind).ToList();
            if (items.Count == 0) continue;
            try
            {
                var clipsOfKind = items.Select(i => i.Clip).ToList();
                var rows = kind == WorkKind.Predict ? predictor.PredictClips(clipsOfKind) : predictor.EmbedClips(clipsOfKind);
                for (int i = 0; i < items.Count; i++) items[i].Result.TrySetResult(rows[i]);
            }
            catch (Exception e)
            {
                foreach (var item in items) item.Result.TrySetException(e);
            }
        }
    }

    /// <summary>Stops taking work after what is queued has run.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await Task.WhenAll(workers);
    }

    private enum WorkKind { Predict, Embed }

    private sealed record WorkItem(FeatureSet Clip, WorkKind Kind, TaskCompletionSource<float[]> Result);

    private sealed class PreparingScope(InferenceBatcher owner, int count) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) Interlocked.Add(ref owner.preparing, -count);
        }
    }
}
