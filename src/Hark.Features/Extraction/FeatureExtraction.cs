using Hark.Audio;
using Hark.Tensors;
using Hark.Features.Caching;
using Hark.Audio.Cropping;
using Hark.Audio.FrontEnds;
using Hark.Audio.Images;
using Hark.Audio.Normalization;
using Hark.Data;

namespace Hark.Features.Extraction;

/// <summary>
/// Turns dataset items into fixed-shape feature arrays: audio through the run's front end ([1, n_mels, frames]),
/// PNG inputs decoded, resized and ImageNet-normalised ([3, size, size] each). Items are processed in parallel on
/// every core through <see cref="FileBatch"/>, the one batch loop (per-file time budget, bad-input policy, progress);
/// unreadable items are reported and left out, or fail the run, as <see cref="Options"/> asks.
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

    /// <summary>
    /// Limits on reading each audio file: the longest accepted (<c>--max-duration</c>; a longer one is a bad file, refused
    /// from its header before its samples are decoded) and whether unusable samples are replaced (<c>--replace-bad-samples</c>;
    /// features of repaired audio are never cached, so a later run without the flag still refuses the file).
    /// </summary>
    public AudioReadOptions Read { get; init; } = AudioReadOptions.Whole;

    /// <summary>Bad-input policy, parallelism and per-file time budget of <see cref="Extract"/> and <see cref="Precompute"/>.</summary>
    public ExtractionOptions Options { get; init; } = new();

    /// <summary>
    /// Features of each file in <paramref name="paths"/> (library use: no dataset, no normalisation beyond the front end's own),
    /// through <paramref name="cache"/> when given one; bad files are listed in the result, or, under
    /// <see cref="ProblemPolicy.Fail"/>, end the batch with the first one's exception in input order.
    /// </summary>
    public static ExtractionResult ExtractFiles(IReadOnlyList<string> paths, FrontEnd frontEnd, FeatureCache? cache = null,
        ExtractionOptions? options = null, IProgress<ExtractionProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (cache is not null && cache.FrontEnd.ParameterHash != frontEnd.ParameterHash)
            throw new ArgumentException($"FeatureExtraction: the cache holds front end {cache.FrontEnd.ParameterHash} but features were asked of {frontEnd.ParameterHash}");
        var features = new Tensor?[paths.Count];
        var read = frontEnd.ReadOptions();
        var outcome = FileBatch.Run(paths.Count, i => paths[i], options ?? new ExtractionOptions(), (i, cancellation) =>
        {
            bool hit = false;
            if (cache is not null) features[i] = cache.GetOrCompute(paths[i], out hit);
            else
            {
                using var mono = AudioFile.ReadMonoRented(paths[i], read);
                cancellation.ThrowIfCancellationRequested();
                features[i] = frontEnd.Apply(mono.Samples, mono.SampleRate);
            }
            return hit;
        }, progress);
        cache?.SaveIndex();
        var extracted = new List<ExtractedFeatures>(paths.Count);
        for (int i = 0; i < paths.Count; i++)
            if (outcome.Problems[i] is null && features[i] is { } f) extracted.Add(new ExtractedFeatures(paths[i], f));
        return new ExtractionResult(extracted, outcome.Failures, outcome.CacheHits);
    }

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
    /// Features of every item, plus the indices that failed (under <see cref="ProblemPolicy.Fail"/> the first failure is
    /// thrown instead). <paramref name="progress"/> is told after every item.
    /// </summary>
    public ItemFeatures Extract(IReadOnlyList<DatasetItem> items, IProgress<ExtractionProgress>? progress = null)
    {
        if (items.Count == 0) throw new ArgumentException("FeatureExtraction: no items");
        int inputCount = items[0].Paths.Length;
        var shape = InputShape(items[0]);
        int size = shape.Aggregate(1, (a, b) => a * b);
        var inputs = Enumerable.Range(0, inputCount).Select(_ => new float[(long)size * items.Count]).ToArray();
        var outcome = FileBatch.Run(items.Count, i => items[i].Paths[0], Options, (i, _) =>
        {
            var item = items[i];
            if (item.Paths.Length != inputCount)
                throw new FormatException($"has {item.Paths.Length} inputs, expected {inputCount} like the first item");
            bool allHits = true;
            for (int j = 0; j < inputCount; j++)
                allHits &= ExtractOne(item.Paths[j], inputs[j].AsSpan(i * size, size));
            return allHits && !IsImage(item);
        }, progress);
        SaveCacheIndex();
        var failures = Enumerable.Range(0, items.Count).Where(i => outcome.Problems[i] is not null).Select(i => (i, outcome.Problems[i]!)).ToList();
        return new ItemFeatures(inputs, shape, failures, outcome.CacheHits);
    }

    /// <summary>
    /// Fills the cache with the features of every audio file of <paramref name="items"/> without keeping them in memory
    /// (`hark features`). Bad files are collected, or, under <see cref="ProblemPolicy.Fail"/>, end the job with the first
    /// one's error.
    /// </summary>
    public PrecomputeSummary Precompute(IReadOnlyList<DatasetItem> items, IProgress<ExtractionProgress>? progress = null)
    {
        var paths = AudioPaths(items);
        var store = cache.Value ?? throw new InvalidOperationException("FeatureExtraction.Precompute: no feature cache is open (data.cache_dir is none, or the front end crops at random)");
        FileBatchOutcome outcome;
        try
        {
            outcome = FileBatch.Run(paths.Count, i => paths[i], Options, (i, _) =>
            {
                store.GetOrCompute(paths[i], out bool hit);
                return hit;
            }, progress);
        }
        finally
        {
            SaveCacheIndex();
        }
        var bad = outcome.Failures;
        return new PrecomputeSummary(paths.Count, outcome.CacheHits, paths.Count - outcome.CacheHits - bad.Count, bad);
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
            front.Normalize(destination);
            return hit;
        }
        using var mono = AudioFile.ReadMonoRented(path, front.ReadOptions(Read));
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
        if (Read.ReplaceUnusableSamples)
        {
            report("feature cache off: --replace-bad-samples repairs audio while reading it, and repaired features are not cached");
            return null;
        }
        try
        {
            return new FeatureCache(root, new FrontEnd(frontEnd.Config with { Normalization = NormalizationOptions.None }))
            {
                ReadOptions = frontEnd.ReadOptions(Read),
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
