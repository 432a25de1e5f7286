using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Hark.Audio;
using Hark.Serving.Batching;
using Hark.Serving.Http;
using Hark.Serving.Similarity;
using Hark.Inference;
using Microsoft.AspNetCore.Http;

namespace Hark.Serving.Hosting;

/// <summary>
/// The endpoints of <c>hark serve</c>. Each inference request reads its uploads (limits enforced while reading),
/// decodes and checks them and computes their features on a pool thread under the request's deadline (which both
/// answers 503 on time and stops the preparation at its next step), then queues them to the shared
/// <see cref="InferenceBatcher"/>. Model outputs holding NaN or Inf are never served. Nothing in a request is ever used
/// as a file path.
/// </summary>
public sealed class HarkApi(Predictor predictor, string modelId, EmbeddingIndex? index, InferenceBatcher batcher, ServeOptions options)
{
    private readonly UploadReader uploads = new(options.MaxUploadBytes, options.MaxFilesPerRequest);
    private int preparingNow, requestsInFlight;
    private readonly object modelInfo = new
    {
        run = Path.GetFileName(predictor.Run.Path),
        architecture = predictor.Config.Model.Name,
        model_id = modelId,
    };

    public async Task<IResult> PredictAsync(HttpContext http)
    {
        int topK = Query(http, "top_k", Math.Min(5, predictor.Classes.Count), 1, predictor.Classes.Count);
        double threshold = Query(http, "threshold", 0.5, 0.0, 1.0);
        using var deadline = Deadline(http);
        var clips = await RunAsync(http, deadline, batcher.PredictAsync);
        var classes = predictor.Classes.Names;
        var results = clips.Select(clip =>
        {
            var ranked = ClassScore.Top(clip.Output, classes, classes.Count);
            var probabilities = new Dictionary<string, float>();
            for (int c = 0; c < classes.Count; c++) probabilities[classes[c]] = clip.Output[c];
            return new
            {
                file = clip.Name,
                duration_s = clip.Duration,
                top = ranked.Take(topK).Select(t => new { label = t.Label, probability = t.Probability }),
                labels = predictor.MultiLabel
                    ? ranked.Where(t => t.Probability >= threshold).Select(t => new { label = t.Label, probability = t.Probability })
                    : null,
                probabilities,
            };
        }).ToList();
        return Results.Json(new { model = modelInfo, multi_label = predictor.MultiLabel, results }, ErrorResponses.Json);
    }

    public async Task<IResult> EmbedAsync(HttpContext http)
    {
        using var deadline = Deadline(http);
        var clips = await RunAsync(http, deadline, batcher.EmbedAsync);
        var results = clips.Select(clip => new { file = clip.Name, duration_s = clip.Duration, dimensions = clip.Output.Length, embedding = clip.Output });
        return Results.Json(new { model = modelInfo, results }, ErrorResponses.Json);
    }

    public async Task<IResult> SimilarAsync(HttpContext http)
    {
        var library = index ?? throw new ApiException(409, "no_index", "this server has no index loaded; start it with 'hark serve RUN --index library.idx' (built by 'hark index')");
        int k = Query(http, "k", 5, 1, 1000);
        using var deadline = Deadline(http);
        var clips = await RunAsync(http, deadline, batcher.EmbedAsync);
        var results = clips.Select(clip => new
        {
            file = clip.Name,
            duration_s = clip.Duration,
            neighbours = library.Nearest(clip.Output, k).Select(n => new { path = n.Path, similarity = n.Similarity }),
        });
        return Results.Json(new { model = modelInfo, index_entries = library.Entries.Count, results }, ErrorResponses.Json);
    }

    public IResult Model()
    {
        var metrics = File.Exists(predictor.Run.Metrics) ? JsonNode.Parse(File.ReadAllText(predictor.Run.Metrics)) : null;
        return Results.Json(new
        {
            model = modelInfo,
            multi_label = predictor.MultiLabel,
            classes = predictor.Classes.Names,
            embedding_size = predictor.Model.EmbeddingSize,
            front_end = JsonNode.Parse(predictor.FrontEndConfig.ToJson()),
            tta = new { crops = predictor.Config.Tta.Crops, perturbations = predictor.Config.Tta.Perturbations },
            metrics,
            index = index is null ? null : new { entries = index.Entries.Count, dimensions = index.Dimensions },
            limits = new
            {
                max_upload_bytes = options.MaxUploadBytes,
                max_duration_s = options.MaxDurationSeconds,
                max_files = options.MaxFilesPerRequest,
                request_timeout_s = options.RequestTimeout.TotalSeconds,
            },
            batching = new
            {
                max_batch_clips = options.MaxBatchClips,
                batch_wait_ms = options.BatchWait.TotalMilliseconds,
                workers = options.InferenceWorkers,
                batches = batcher.Batches,
                clips = batcher.Clips,
                largest_batch = batcher.LargestBatch,
                requests_in_flight = Volatile.Read(ref requestsInFlight),
                uploads_preparing = Volatile.Read(ref preparingNow),
                resamplers_cached = predictor.FrontEnd.Resamplers.Count,
            },
            memory = Memory(),
        }, ErrorResponses.Json);
    }

    private static object Memory()
    {
        var gc = GC.GetGCMemoryInfo();
        var pool = Tensors.Backends.Cpu.CpuPoolStatistics.Current;
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new
        {
            working_set_bytes = process.WorkingSet64,
            managed_heap_bytes = gc.HeapSizeBytes,
            managed_committed_bytes = gc.TotalCommittedBytes,
            gen0_collections = GC.CollectionCount(0),
            gen1_collections = GC.CollectionCount(1),
            gen2_collections = GC.CollectionCount(2),
            generations_after_last_gc_bytes = gc.GenerationInfo.ToArray().Select(g => g.SizeAfterBytes),
            fragmented_bytes = gc.FragmentedBytes,
            storage_pool = new { allocations = pool.Allocations, held_bytes = pool.HeldBytes },
        };
    }

    private sealed record ClipOutput(string Name, double Duration, float[] Output);

    /// <summary>Reads, decodes and prepares every upload of the request, queues each to <paramref name="infer"/> as soon as it is ready, and awaits them all.</summary>
    private async Task<List<ClipOutput>> RunAsync(HttpContext http, RequestDeadline deadline, Func<Features.Examples.FeatureSet, CancellationToken, Task<float[]>> infer)
    {
        Interlocked.Increment(ref requestsInFlight);
        try
        {
            var clips = await RunCountedAsync(http, deadline.Token, infer);
            deadline.ThrowIfPassed();
            return clips;
        }
        finally { Interlocked.Decrement(ref requestsInFlight); }
    }

    private async Task<List<ClipOutput>> RunCountedAsync(HttpContext http, CancellationToken cancellation, Func<Features.Examples.FeatureSet, CancellationToken, Task<float[]>> infer)
    {
        var files = await uploads.ReadAsync(http.Request, cancellation);
        var queued = new List<(string Name, double Duration, Task<float[]> Output)>();
        using (batcher.Preparing(files.Count))
        {
            foreach (var file in files)
            {
                var (duration, features) = await Task.Run(() => Prepare(file, cancellation), cancellation).WaitAsync(cancellation);
                queued.Add((file.Name, duration, infer(features, cancellation)));
            }
        }
        var outputs = await Task.WhenAll(queued.Select(q => q.Output));
        for (int i = 0; i < outputs.Length; i++)
        {
            int bad = DecodedAudioChecks.IndexOfNonFinite(outputs[i]);
            if (bad >= 0)
                throw new ApiException(500, "non_finite_output",
                    $"the model's output {bad} for upload '{queued[i].Name}' is {outputs[i][bad]}; the run's weights or its front end are broken, not the upload");
        }
        return queued.Select((q, i) => new ClipOutput(q.Name, q.Duration, outputs[i])).ToList();
    }

    private (double Duration, Features.Examples.FeatureSet Features) Prepare(Upload file, CancellationToken cancellation)
    {
        Interlocked.Increment(ref preparingNow);
        try { return PrepareCounted(file, cancellation); }
        finally { Interlocked.Decrement(ref preparingNow); }
    }

    private (double Duration, Features.Examples.FeatureSet Features) PrepareCounted(Upload file, CancellationToken cancellation)
    {
        Waveform waveform;
        try
        {
            waveform = AudioFile.Decode(file.Bytes, file.Name);
        }
        catch (AudioDecodeException e)
        {
            throw new ApiException(422, "undecodable_audio", $"upload '{file.Name}' could not be decoded: {e.Reason}");
        }
        cancellation.ThrowIfCancellationRequested();
        if (waveform.Duration > options.MaxDurationSeconds)
            throw new ApiException(422, "clip_too_long",
                $"upload '{file.Name}' lasts {waveform.Duration.ToString("0.0", CultureInfo.InvariantCulture)} s; the limit is {options.MaxDurationSeconds.ToString(CultureInfo.InvariantCulture)} s (--max-duration)");
        try
        {
            return (waveform.Duration, predictor.ClipFeatures(waveform));
        }
        catch (ArgumentException e)
        {
            throw new ApiException(422, "unusable_audio", $"upload '{file.Name}' ({waveform}) cannot be turned into features: {e.Message}");
        }
    }

    private RequestDeadline Deadline(HttpContext http) => new(http.RequestAborted, options.RequestTimeout);

    /// <summary>A numeric query parameter within [min, max]; <paramref name="fallback"/> when absent; 400 naming it otherwise.</summary>
    private static T Query<T>(HttpContext http, string name, T fallback, T min, T max) where T : INumber<T>
    {
        var text = http.Request.Query[name].ToString();
        if (text.Length == 0) return fallback;
        bool whole = T.IsZero(T.One / (T.One + T.One)); // 1/2 truncates to 0 only in an integer type
        var style = whole ? NumberStyles.Integer : NumberStyles.Float;
        return T.TryParse(text, style, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ApiException(400, "bad_parameter", $"query parameter {name}={text}: expected {(whole ? "a whole number" : "a number")} in {min}..{max}");
    }
}
