using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

// Load and similarity client for bench/serve.sh, talking to a running `hark serve` over HTTP only.
//   load URL CLIPS_DIR SERVER_PID SECONDS LEVELS   POST /v1/predict from LEVELS (e.g. 1,8,32) concurrent clients, SECONDS each;
//                                                 prints requests/s, p50/p99 latency, errors and the server's RSS after warm-up and at the end
//   similarity URL METADATA_CSV                   for each test clip, POST /v1/similar?k=6, drop the clip itself, and report the
//                                                 fraction of its top-5 neighbours with the same label, averaged
var invariant = CultureInfo.InvariantCulture;
switch (args.FirstOrDefault())
{
    case "load" when args.Length == 6:
        return await Load(new Uri(args[1]), args[2], int.Parse(args[3], invariant), double.Parse(args[4], invariant), args[5].Split(',').Select(int.Parse).ToArray());
    case "similarity" when args.Length == 3:
        return await Similarity(new Uri(args[1]), args[2]);
    default:
        Console.Error.WriteLine("usage: Hark.Bench.Serve load URL CLIPS_DIR SERVER_PID SECONDS 1,8,32 | similarity URL METADATA_CSV");
        return 2;
}

static MultipartFormDataContent Upload(string name, byte[] bytes)
{
    var part = new ByteArrayContent(bytes);
    part.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
    return new MultipartFormDataContent { { part, "file", name } };
}

static long RssKilobytes(int pid) =>
    long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

static async Task<int> Load(Uri url, string clipsDir, int pid, double seconds, int[] levels)
{
    var clips = Directory.GetFiles(clipsDir, "*.wav").Order(StringComparer.Ordinal).Select(f => (Name: Path.GetFileName(f), Bytes: File.ReadAllBytes(f))).ToArray();
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = levels.Max() }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };

    async Task<(int Requests, int Errors, List<double> Latencies, double Elapsed)> Drive(int concurrency, double duration)
    {
        var stop = Stopwatch.StartNew();
        int next = 0, errors = 0;
        var latencies = new List<double>[concurrency];
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            latencies[w] = [];
            while (stop.Elapsed.TotalSeconds < duration)
            {
                var clip = clips[Interlocked.Increment(ref next) % clips.Length];
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.PostAsync("/v1/predict", Upload(clip.Name, clip.Bytes));
                    await response.Content.ReadAsByteArrayAsync();
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                latencies[w].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var all = latencies.SelectMany(l => l).Order().ToList();
        return (all.Count, errors, all, stop.Elapsed.TotalSeconds);
    }

    static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    // Warm-up: one level's time at the highest concurrency, so that the server's buffers, pools and heap reach the
    // size the measured levels need and the JIT has compiled the hot paths.
    await Drive(levels.Max(), seconds);
    long warm = RssKilobytes(pid);
    Console.WriteLine($"server RSS after warm-up: {warm / 1024.0:F1} MiB; {await Memory(client)}");
    int totalErrors = 0;
    string last = "";
    foreach (var level in levels)
    {
        var (requests, errors, latencies, elapsed) = await Drive(level, seconds);
        totalErrors += errors;
        double rps = requests / elapsed, p50 = Percentile(latencies, 0.50), p99 = Percentile(latencies, 0.99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"clients {level,2}: {requests} requests in {elapsed:F1} s, {rps:F1} req/s, p50 {p50:F1} ms, p99 {p99:F1} ms, errors {errors}, server RSS {RssKilobytes(pid) / 1024.0:F1} MiB"));
        last = string.Create(CultureInfo.InvariantCulture, $"rps_{level}={rps:F1} p99_ms_{level}={p99:F1}");
    }
    long end = RssKilobytes(pid);
    using var model = JsonDocument.Parse(await client.GetStringAsync("/v1/model"));
    var batching = model.RootElement.GetProperty("batching");
    Console.WriteLine($"server RSS at the end: {end / 1024.0:F1} MiB; {await Memory(client)}");
    Console.WriteLine($"batches {batching.GetProperty("batches")}, clips {batching.GetProperty("clips")}, largest batch {batching.GetProperty("largest_batch")}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{last} errors={totalErrors} mem_growth_pct={(end - warm) * 100.0 / warm:F1}"));
    return 0;
}

static async Task<string> Memory(HttpClient client)
{
    using var model = JsonDocument.Parse(await client.GetStringAsync("/v1/model"));
    var memory = model.RootElement.GetProperty("memory");
    double Mib(string name) => memory.GetProperty(name).GetInt64() / 1048576.0;
    return string.Create(CultureInfo.InvariantCulture,
        $"managed heap {Mib("managed_heap_bytes"):F1} MiB, committed {Mib("managed_committed_bytes"):F1} MiB, fragmented {Mib("fragmented_bytes"):F1} MiB, "
        + $"gen0/1/2/LOH/POH after the last GC {string.Join("/", memory.GetProperty("generations_after_last_gc_bytes").EnumerateArray().Select(g => (g.GetInt64() / 1048576.0).ToString("F1", CultureInfo.InvariantCulture)))} MiB, "
        + $"storage pool allocations {memory.GetProperty("storage_pool").GetProperty("allocations")}, "
        + $"collections gen0/1/2 {memory.GetProperty("gen0_collections")}/{memory.GetProperty("gen1_collections")}/{memory.GetProperty("gen2_collections")}");
}

static async Task<int> Similarity(Uri url, string metadataCsv)
{
    var folder = Path.GetDirectoryName(Path.GetFullPath(metadataCsv))!;
    var rows = File.ReadLines(metadataCsv).Skip(1).Select(l => l.Split(',')).Where(r => r[^1] == "test").ToList();
    var labelOf = rows.ToDictionary(r => Path.GetFileName(r[0]), r => r[1]);
    using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
    double sum = 0;
    foreach (var row in rows)
    {
        var name = Path.GetFileName(row[0]);
        using var response = await client.PostAsync("/v1/similar?k=6", Upload(name, File.ReadAllBytes(Path.Combine(folder, row[0]))));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var neighbours = json.RootElement.GetProperty("results")[0].GetProperty("neighbours").EnumerateArray()
            .Select(n => Path.GetFileName(n.GetProperty("path").GetString()!)).Where(p => p != name).Take(5).ToList();
        sum += neighbours.Count(n => labelOf[n] == row[1]) / 5.0;
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queries {rows.Count}: mean fraction of the top-5 neighbours (itself excluded) with the same label"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"similarity_top5_same_digit={sum / rows.Count:F4}"));
    return 0;
}
