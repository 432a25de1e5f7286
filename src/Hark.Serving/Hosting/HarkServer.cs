using System.Net;
using Hark.Serving.Batching;
using Hark.Serving.Http;
using Hark.Serving.Similarity;
using Hark.Inference;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hark.Serving.Hosting;

/// <summary>
/// <c>hark serve RUN</c>: an ASP.NET Core minimal API over one run's <see cref="Predictor"/> (loaded once, shared
/// read-only by every request) and optionally an <see cref="EmbeddingIndex"/> built from the same weights. Stopping
/// (Ctrl+C, SIGTERM or <see cref="StopAsync"/>) refuses new connections, lets requests in flight finish, then stops the
/// inference workers.
/// </summary>
public sealed class HarkServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly InferenceBatcher batcher;
    private int stopped;

    private HarkServer(WebApplication app, InferenceBatcher batcher, Predictor predictor)
    {
        this.app = app;
        this.batcher = batcher;
        Predictor = predictor;
    }

    public Predictor Predictor { get; }

    /// <summary>The addresses actually bound (a requested port 0 shows here as the port the system chose).</summary>
    public IReadOnlyList<string> Urls => app.Urls.ToList();

    public static async Task<HarkServer> StartAsync(ServeOptions options, Action<string> log)
    {
        options.Validate();
        var predictor = InferenceEngines.Load(options.RunDirectory, options.Engine);
        var modelId = ModelIdentity.Of(predictor);
        EmbeddingIndex? index = null;
        if (options.IndexPath is not null)
        {
            index = EmbeddingIndex.Read(options.IndexPath);
            if (index.ModelId != modelId)
                throw new InvalidDataException($"{options.IndexPath} was built with other weights (model {ModelIdentity.Short(index.ModelId)}, run {index.RunPath}) than {predictor.Run.Path} (model {ModelIdentity.Short(modelId)}); rebuild it with 'hark index {predictor.Run.Path} AUDIO_DIR --out {options.IndexPath}'");
        }
        foreach (var url in options.Urls)
            if (!IsLoopback(url)) log($"hark serve: {url} is not a loopback address; the API is reachable from other machines");

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxUploadBytes + 64 * 1024;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(options.MinUploadBytesPerSecond, TimeSpan.FromSeconds(5));
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        });
        var app = builder.Build();
        app.Urls.Clear();
        foreach (var url in options.Urls) app.Urls.Add(url);
        var batcher = new InferenceBatcher(predictor, options.MaxBatchClips, options.BatchWait, options.InferenceWorkers);
        var api = new HarkApi(predictor, modelId, index, batcher, options);
        var openApi = OpenApiDocument.Create(options).ToJsonString();

        app.Use(next => ErrorResponses.Middleware(next, log));
        app.MapPost("/v1/predict", (Func<HttpContext, Task<IResult>>)api.PredictAsync);
        app.MapPost("/v1/embed", (Func<HttpContext, Task<IResult>>)api.EmbedAsync);
        app.MapPost("/v1/similar", (Func<HttpContext, Task<IResult>>)api.SimilarAsync);
        app.MapGet("/v1/model", api.Model);
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        app.MapGet("/readyz", (IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.IsCancellationRequested
            ? Results.Json(new { status = "stopping" }, statusCode: 503)
            : Results.Json(new { status = "ready" }));
        app.MapGet("/openapi.json", () => Results.Text(openApi, "application/json"));
        app.MapFallback((HttpContext http) => throw new ApiException(404, "not_found",
            $"{http.Request.Method} {http.Request.Path} is not an endpoint; see GET /openapi.json"));

        try
        {
            batcher.WarmUp();
            await app.StartAsync();
        }
        catch
        {
            await batcher.DisposeAsync();
            await app.DisposeAsync();
            throw;
        }
        return new HarkServer(app, batcher, predictor);
    }

    /// <summary>Waits until the process is asked to stop (Ctrl+C, SIGTERM), then stops gracefully.</summary>
    public async Task RunUntilShutdownAsync()
    {
        await app.WaitForShutdownAsync();
        await StopAsync();
    }

    /// <summary>Stops accepting connections, waits for requests in flight (up to the shutdown timeout), then stops the inference workers.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0) return;
        await app.StopAsync();
        await batcher.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await app.DisposeAsync();
    }

    private static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return false;
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
    }
}
