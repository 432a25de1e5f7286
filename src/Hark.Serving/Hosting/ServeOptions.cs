using Hark.Inference;

namespace Hark.Serving.Hosting;

/// <summary>
/// What <c>hark serve</c> serves and the limits it enforces. The defaults bind to loopback only: exposing the API
/// on another interface is an explicit choice (<c>--urls http://0.0.0.0:8080</c>).
/// </summary>
public sealed record ServeOptions
{
    public required string RunDirectory { get; init; }

    /// <summary>Which engine runs the model (<see cref="InferenceEngines"/>): Hark's own unless another is registered and named.</summary>
    public string Engine { get; init; } = InferenceEngines.Hark;

    /// <summary>An index built by <c>hark index</c> with the same run, for <c>POST /v1/similar</c>; null serves no index.</summary>
    public string? IndexPath { get; init; }

    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:8080"];

    /// <summary>Largest request body; a larger Content-Length is refused before any byte is read, a longer stream is cut off.</summary>
    public long MaxUploadBytes { get; init; } = 32L << 20;

    /// <summary>Longest clip accepted, in seconds.</summary>
    public double MaxDurationSeconds { get; init; } = 60;

    public int MaxFilesPerRequest { get; init; } = 16;

    /// <summary>Whole-request deadline (upload, decoding, waiting for the model); past it the request gets 503.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Uploads slower than this (after a 5 s grace period) are cut off, so a slow client cannot hold a connection.</summary>
    public double MinUploadBytesPerSecond { get; init; } = 16 * 1024;

    /// <summary>Most clips run through the model in one forward pass.</summary>
    public int MaxBatchClips { get; init; } = 32;

    /// <summary>How long a batch waits for clips still being decoded by other requests before it runs.</summary>
    public TimeSpan BatchWait { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Batches run at once; each shares the one read-only model.</summary>
    public int InferenceWorkers { get; init; } = 1;

    /// <summary>How long a shutdown waits for requests in flight to finish.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(RunDirectory)) throw new ArgumentException("hark serve: a run directory is required");
        if (Urls.Count == 0) throw new ArgumentException("hark serve: at least one URL to listen on is required");
        Positive(MaxUploadBytes, "max upload bytes");
        Positive(MaxDurationSeconds, "max duration (s)");
        Positive(MaxFilesPerRequest, "max files per request");
        Positive(RequestTimeout.TotalMilliseconds, "request timeout");
        Positive(MinUploadBytesPerSecond, "min upload rate");
        Positive(MaxBatchClips, "max batch clips");
        Positive(InferenceWorkers, "inference workers");
        if (BatchWait < TimeSpan.Zero) throw new ArgumentException($"hark serve: batch wait must not be negative, got {BatchWait}");
        if (ShutdownTimeout < TimeSpan.Zero) throw new ArgumentException($"hark serve: shutdown timeout must not be negative, got {ShutdownTimeout}");
    }

    private static void Positive(double value, string what)
    {
        if (!(value > 0)) throw new ArgumentException($"hark serve: {what} must be positive, got {value}");
    }
}
