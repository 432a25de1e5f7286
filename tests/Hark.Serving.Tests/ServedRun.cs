using Hark.Serving.Hosting;
using Hark.Serving.Similarity;
using Hark.Inference;

namespace Hark.Serving.Tests;

/// <summary>The tiny run, an index of its clips, and the real server on a free loopback port, shared by the HTTP tests.</summary>
public sealed class ServedRun : IAsyncLifetime
{
    public const long MaxUploadBytes = 24L << 20;
    public const double MaxDurationSeconds = 30;

    public TinyRun Run { get; } = new();
    public string IndexPath => Path.Combine(Run.Folder, "library.idx");
    public HarkServer Server { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public List<string> Log { get; } = [];

    public ServeOptions Options => new()
    {
        RunDirectory = Run.RunPath,
        IndexPath = IndexPath,
        Urls = ["http://127.0.0.1:0"],
        MaxUploadBytes = MaxUploadBytes,
        MaxDurationSeconds = MaxDurationSeconds,
        InferenceWorkers = 2,
    };

    public async Task InitializeAsync()
    {
        LibraryIndexer.Build(Predictor.Load(Run.RunPath), Run.AudioFolder, IndexPath, _ => { });
        Server = await HarkServer.StartAsync(Options, line => { lock (Log) Log.Add(line); });
        BaseAddress = new Uri(Server.Urls[0]);
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>
/// The HTTP tests run on their own, after the other collections: some of them measure the process's memory, which a
/// collection training a model at the same time would swamp.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServedRunCollection : ICollectionFixture<ServedRun>
{
    public const string Name = "served run";
}
