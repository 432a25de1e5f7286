using Hark.Data;
using Hark.Audio;
using Hark.Audio.FrontEnds;
using Hark.Tensors;

namespace Hark.Features.Caching;

/// <summary>Progress of a batch extraction, reported after every file.</summary>
public readonly record struct ExtractionProgress(int Completed, int Total, int Failed, int CacheHits);

/// <summary>Features of one file.</summary>
public sealed record ExtractedFeatures(string Path, Tensor Features);

/// <summary>The outcome of <see cref="FeatureExtractor.ExtractAll"/>: features and errors, each in input order.</summary>
public sealed record ExtractionResult(IReadOnlyList<ExtractedFeatures> Features, IReadOnlyList<AudioFileError> Errors, int CacheHits);

/// <summary>Batch extraction settings.</summary>
public sealed record ExtractionOptions
{
    /// <summary>Whether a bad file is reported and skipped (the default) or ends the batch.</summary>
    public ProblemPolicy OnBadFile { get; init; } = ProblemPolicy.SkipAndReport;

    /// <summary>
    /// Threads working at once, the calling thread included; one per core by default. (-1 lets the thread pool add threads
    /// beyond the cores, which only slows a batch of short, memory-bound reads such as a warm cache run.)
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>How files are decoded without a cache; null: the front end's <see cref="FrontEnd.ReadOptions"/> (only the frames the features depend on).</summary>
    public AudioReadOptions? Read { get; init; }

    /// <summary>Longest one file may take; past it the file is reported as an error and the batch goes on (null: no limit).</summary>
    public TimeSpan? FileTimeBudget { get; init; } = BudgetedParallel.DefaultFileBudget;
}

/// <summary>
/// Extracts features for many files in parallel (one file per work item across all cores), through a
/// <see cref="FeatureCache"/> when given one. Bad files, and files that run past <see cref="ExtractionOptions.FileTimeBudget"/>
/// (see <see cref="BudgetedParallel"/>), are reported with their reason and skipped, or, with <see cref="ProblemPolicy.Fail"/>,
/// end the batch with an <see cref="AudioDecodeException"/> for the first of them in input order.
/// </summary>
public static class FeatureExtractor
{
    public static ExtractionResult ExtractAll(IReadOnlyList<string> paths, FrontEnd frontEnd, FeatureCache? cache = null,
        ExtractionOptions? options = null, IProgress<ExtractionProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= new ExtractionOptions();
        if (cache is not null && cache.FrontEnd.ParameterHash != frontEnd.ParameterHash)
            throw new ArgumentException($"FeatureExtractor: the cache holds front end {cache.FrontEnd.ParameterHash} but features were asked of {frontEnd.ParameterHash}");
        var features = new Tensor?[paths.Count];
        var errors = new AudioFileError?[paths.Count];
        var read = options.Read ?? frontEnd.ReadOptions();
        int completed = 0, failed = 0, hits = 0;
        bool stop = false;
        var overBudget = BudgetedParallel.For(paths.Count, options.MaxDegreeOfParallelism, options.FileTimeBudget, (i, cancellation) =>
        {
            try
            {
                bool hit = false;
                if (cache is not null) features[i] = cache.GetOrCompute(paths[i], out hit);
                else features[i] = Compute(frontEnd, paths[i], read, cancellation);
                if (hit) Interlocked.Increment(ref hits);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return; // ran past its budget; the loop has recorded it
            }
            catch (Exception e) when (e is AudioDecodeException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                string reason = e is AudioDecodeException d ? d.Reason : e.Message;
                errors[i] = new AudioFileError(paths[i], reason, e);
                Interlocked.Increment(ref failed);
                if (options.OnBadFile == ProblemPolicy.Fail) Volatile.Write(ref stop, true);
            }
            int done = Interlocked.Increment(ref completed);
            progress?.Report(new ExtractionProgress(done, paths.Count, Volatile.Read(ref failed), Volatile.Read(ref hits)));
        }, () => Volatile.Read(ref stop));
        foreach (int i in overBudget)
        {
            string reason = BudgetedParallel.OverBudgetReason(options.FileTimeBudget!.Value);
            errors[i] = new AudioFileError(paths[i], reason, new AudioDecodeException(paths[i], reason));
            features[i] = null;
        }
        cache?.SaveIndex();

        var extracted = new List<ExtractedFeatures>(paths.Count);
        var bad = new List<AudioFileError>();
        for (int i = 0; i < paths.Count; i++)
        {
            if (errors[i] is { } error)
            {
                if (options.OnBadFile == ProblemPolicy.Fail)
                    throw error.Exception as AudioDecodeException ?? new AudioDecodeException(error.Path, error.Reason, error.Exception);
                bad.Add(error);
            }
            else if (features[i] is { } f) extracted.Add(new ExtractedFeatures(paths[i], f));
        }
        return new ExtractionResult(extracted, bad, hits);
    }

    private static Tensor Compute(FrontEnd frontEnd, string path, AudioReadOptions read, CancellationToken cancellation)
    {
        using var mono = AudioFile.ReadMonoRented(path, read);
        cancellation.ThrowIfCancellationRequested();
        return frontEnd.Apply(mono.Samples, mono.SampleRate);
    }
}
