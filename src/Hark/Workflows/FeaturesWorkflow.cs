using Hark.Data;
using Hark.Audio;
using Hark.Audio.FrontEnds;
using Hark.Training.Configuration;
using Hark.Features.Extraction;

namespace Hark.Workflows;

/// <summary>`hark features --data D [--recipe R] [--set k=v ...] [--cache DIR|none] [--fail-on-bad]`.</summary>
public sealed record FeaturesRequest(string Data, string? Recipe, IReadOnlyList<string> Overrides, string? CacheDir = null, bool FailOnBad = false,
    double? MaxDurationSeconds = null);

/// <summary>What `hark features` did.</summary>
public sealed record FeaturesSummary(string CacheDirectory, PrecomputeSummary Files, double Seconds);

/// <summary>
/// `hark features`: fills the feature cache for every audio file of a dataset with the front end the same recipe and
/// overrides would train with, so later `hark train`, `cv`, `eval` and `predict` runs read features instead of computing
/// them. Features are cached before normalisation, so fitted statistics need no pass here. Bad files are reported and
/// skipped, or fail the job with --fail-on-bad (or data.on_bad_input=fail).
/// </summary>
public static class FeaturesWorkflow
{
    /// <summary><paramref name="progress"/> is told after every file.</summary>
    public static FeaturesSummary Run(FeaturesRequest request, Action<string> report, IProgress<ExtractionProgress>? progress = null)
    {
        var config = ConfigResolver.Resolve(request.Recipe, request.Overrides, RecipeCatalog.DefaultAudio);
        config.Data.Source = Path.GetFullPath(request.Data);
        if (request.CacheDir is not null) config.Data.CacheDir = request.CacheDir;
        var cacheRoot = FeatureCacheLocation.Resolve(config.Data.CacheDir)
            ?? throw new ConfigException("hark features: data.cache_dir is none, so there is no cache to fill; give --cache DIR or leave it auto");
        var dataset = RunData.Open(config.Data);
        foreach (var problem in dataset.Problems) report($"skipped {problem}");
        if (dataset.Count == 0 || FeatureExtraction.IsImage(dataset.Items[0]))
            throw new ConfigException($"{config.Data.Source}: hark features caches audio features; this data has {(dataset.Count == 0 ? "no items" : "image inputs")}");
        var frontEnd = new FrontEnd(FrontEndResolver.Resolve(config.FrontEnd));
        var extraction = new FeatureExtraction(frontEnd, config.ImageSize, cacheRoot, report)
        {
            Read = new AudioReadOptions { MaxDurationSeconds = request.MaxDurationSeconds },
            Options = new ExtractionOptions { OnBadFile = request.FailOnBad ? ProblemPolicy.Fail : config.Data.BadInputPolicy },
        };
        var directory = extraction.CacheDirectory
            ?? throw new ConfigException($"hark features: the feature cache in {cacheRoot} cannot be used (see above)");
        int audioFiles = FeatureExtraction.AudioPaths(dataset.Items).Count;
        report($"caching {frontEnd.Config.Name} features of {audioFiles} files of {config.Data.Source} in {directory}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var files = extraction.Precompute(dataset.Items, progress);
        foreach (var failure in files.Failures) report($"skipped {failure.Path}: {failure.Reason}");
        return new FeaturesSummary(directory, files, clock.Elapsed.TotalSeconds);
    }
}
