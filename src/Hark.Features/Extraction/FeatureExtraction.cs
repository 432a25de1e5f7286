using Hark.Audio;
using Hark.Features.Caching;
using Hark.Audio.Cropping;
using Hark.Audio.FrontEnds;
using Hark.Audio.Images;
using Hark.Audio.Normalization;
using Hark.Data;

namespace Hark.Features.Extraction;

/// <summary>An example that could not be turned into features, with the reason.</summary>
public sealed record FeatureProblem(string Path, string Reason);

/// <summary>Features of many items: one flat array per input ([items, ...Shape]), the items that failed, and how many audio inputs came from the cache.</summary>
public sealed record ItemFeatures(float[][] Inputs, int[] Shape, List<(int Index, FeatureProblem Problem)> Failures, int CacheHits);

/// <summary>What <see cref="FeatureExtraction.Precompute"/> did: files whose features were already cached, newly computed, and the bad ones.</summary>
public sealed record PrecomputeSummary(int Files, int CacheHits, int Computed, IReadOnlyList<FeatureProblem> Failures);

/// <summary>
/// Turns dataset items into fixed-shape feature arrays: audio through the run's front end ([1, n_mels, frames]),
/// PNG inputs decoded, resized and ImageNet-normalised ([3, size, size] each). Items are processed in parallel on
/// every core; unreadable items are reported and left out, or fail the run, as the caller asks.
/// <para>
/// With a cache root, audio features before normalisation come from a <see cref="FeatureCache"/> there (filled on first
/// use) and the front end's normaliser is applied after loading, so one cache entry serves every normalisation setting
/// and every fitted statistic. Front ends that crop at random are never cached. A cache that cannot be opened or saved
/// (e.g. a read-only folder) is reported and the features are computed without it.
/// </para>
/// </summary>
public sealed class FeatureExtraction
{
    private readonly FrontEnd? frontEnd;
    private readonly int imageSize;
    private readonly Lazy<FeatureCache?> cache;
    private readonly Action<string> report;

    public FeatureExtraction(FrontEnd? frontEnd, int imageSize, string? cacheRoot = null, Action<string>? report = null)
    {
        this.frontEnd = frontEnd;
        this.imageSize = imageSize;
        this.report = report ?? (_ => { });
        cache = new Lazy<FeatureCache?>(() => OpenCache(cacheRoot));
    }

    /// <summary>Longest audio file accepted, in seconds (<c>--max-duration</c>): a longer one is a bad file, refused from its header before its samples are decoded. Null: no limit.</summary>
    public double? MaxDurationSeconds { get; init; }

    /// <summary>Shape of one input of one example.</summary>
    public int[] InputShape(DatasetItem item)
    {
        if (IsImage(item)) return [3, imageSize, imageSize];
        var front = frontEnd ?? throw new InvalidOperationException("FeatureExtraction: audio items need a front end");
        var length = front.Config.Length
            ?? throw new ConfigException($"front_end '{front.Config.Name}' keeps each clip's own length; training needs a fixed length (set front_end.length, e.g. {{seconds: 1.0}})");
        int samples = length.Samples(front.Config.SampleRate);
        return [1, front.NMels, front.FrameCount(samples, front.Config.SampleRate)];
    }

    public static bool IsImage(DatasetItem item) => item.Paths[0].EndsWith(".png", StringComparison.OrdinalIgnoreCase);

    internal static bool IsImage(string path) => path.EndsWith(".png", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Features of every item, plus the indices that failed. <paramref name="progress"/> receives the number of items done.
    /// </summary>
    public ItemFeatures Extract(IReadOnlyList<DatasetItem> items, IProgress<int>? progress = null)
    {
        if (items.Count == 0) throw new ArgumentException("FeatureExtraction: no items");
        int inputCount = items[0].Paths.Length;
        var shape = InputShape(items[0]);
        int size = shape.Aggregate(1, (a, b) => a * b);
        var inputs = Enumerable.Range(0, inputCount).Select(_ => new float[(long)size * items.Count]).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<(int, FeatureProblem)>();
        int done = 0, hits = 0;
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var item = items[i];
            for (int j = 0; j < inputCount; j++)
            {
                var destination = inputs[j].AsSpan(i * size, size);
                try
                {
                    if (item.Paths.Length != inputCount)
                        throw new FormatException($"has {item.Paths.Length} inputs, expected {inputCount} like the first item");
                    if (ExtractOne(item.Paths[j], destination)) Interlocked.Increment(ref hits);
                }
                catch (Exception e) when (e is AudioDecodeException or ImageDecodeException or IOException or FormatException or ArgumentException)
                {
                    failures.Add((i, new FeatureProblem(item.Paths[j], e.Message)));
                    break;
                }
            }
            progress?.Report(Interlocked.Increment(ref done));
        });
        SaveCacheIndex();
        return new ItemFeatures(inputs, shape, failures.OrderBy(f => f.Item1).ToList(), hits);
    }

    /// <summary>
    /// Fills the cache with the features of every audio file of <paramref name="items"/> without keeping them in memory
    /// (`hark features`). Bad files are collected, or, with <see cref="ProblemPolicy.Fail"/>, end the job with the first
    /// one's error. <paramref name="progress"/> receives the number of files done.
    /// </summary>
    public PrecomputeSummary Precompute(IReadOnlyList<DatasetItem> items, ProblemPolicy onBadInput, IProgress<int>? progress = null)
    {
        var paths = AudioPaths(items);
        var store = cache.Value ?? throw new InvalidOperationException("FeatureExtraction.Precompute: no feature cache is open (data.cache_dir is none, or the front end crops at random)");
        var failures = new FeatureProblem?[paths.Count];
        int done = 0, hits = 0;
        bool stop = false;
        var overBudget = BudgetedParallel.For(paths.Count, Environment.ProcessorCount, BudgetedParallel.DefaultFileBudget, (i, _) =>
        {
            try
            {
                store.GetOrCompute(paths[i], out bool hit);
                if (hit) Interlocked.Increment(ref hits);
            }
            catch (Exception e) when (e is AudioDecodeException or IOException or FormatException or ArgumentException)
            {
                failures[i] = new FeatureProblem(paths[i], e.Message);
                if (onBadInput == ProblemPolicy.Fail) Volatile.Write(ref stop, true);
            }
            int finished = Interlocked.Increment(ref done);
            progress?.Report(finished);
        }, () => Volatile.Read(ref stop));
        foreach (int i in overBudget)
        {
            failures[i] = new FeatureProblem(paths[i], $"{paths[i]}: {BudgetedParallel.OverBudgetReason(BudgetedParallel.DefaultFileBudget)}");
            Interlocked.Increment(ref done);
        }
        SaveCacheIndex();
        var bad = failures.OfType<FeatureProblem>().ToList();
        if (onBadInput == ProblemPolicy.Fail && bad.Count > 0) throw new InvalidDataException($"{bad[0].Path}: {bad[0].Reason}");
        return new PrecomputeSummary(paths.Count, hits, done - hits - bad.Count, bad);
    }

    /// <summary>The distinct audio files of <paramref name="items"/>, in order of first use.</summary>
    public static IReadOnlyList<string> AudioPaths(IReadOnlyList<DatasetItem> items) =>
        items.SelectMany(i => i.Paths).Where(p => !IsImage(p)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The open cache's folder for this front end, or null when features are not cached.</summary>
    public string? CacheDirectory => cache.Value?.Directory;

    // Returns whether the features came from the cache.
    private bool ExtractOne(string path, Span<float> destination)
    {
        if (IsImage(path))
        {
            var image = ImageNormalization.ImageNet(ImageTensor.ReadPngResizedLikePil(path, imageSize, imageSize));
            image.Span.CopyTo(destination);
            return false;
        }
        var front = frontEnd!;
        if (cache.Value is { } store)
        {
            store.GetOrCompute(path, destination, out bool hit);
            FeatureNormalizer.Apply(destination, front.NMels, front.Config.Normalization);
            return hit;
        }
        using var mono = AudioFile.ReadMonoRented(path, front.ReadOptions(MaxDurationSeconds));
        front.Apply(mono.Samples, mono.SampleRate, destination);
        return false;
    }

    private FeatureCache? OpenCache(string? root)
    {
        if (root is null || frontEnd is null) return null;
        if (frontEnd.Config.Length?.Crop == CropPosition.Random)
        {
            report($"feature cache off: front end '{frontEnd.Config.Name}' crops at random");
            return null;
        }
        try
        {
            return new FeatureCache(root, new FrontEnd(frontEnd.Config with { Normalization = NormalizationOptions.None }))
            {
                ReadOptions = frontEnd.ReadOptions(MaxDurationSeconds),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            report($"feature cache off: cannot use {root} ({e.Message}); set data.cache_dir to a writable folder or none");
            return null;
        }
    }

    private void SaveCacheIndex()
    {
        if (!cache.IsValueCreated || cache.Value is not { } store) return;
        try { store.SaveIndex(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            report($"feature cache: could not save the content-hash index in {store.Index.IndexPath} ({e.Message})");
        }
    }
}
