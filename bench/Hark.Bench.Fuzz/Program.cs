using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Hark.Audio.Tests.Fuzzing;
using Hark.Audio;
using Hark.Demo;
using Hark.Inference;
using Hark.Serving.Hosting;

// bench/fuzz.sh's driver (issue 18).
//   demo-data DIR                                        writes the tiny demo dataset the script trains its run on
//   run OUT RUN HARK_DLL PER_FORMAT CLI_SAMPLE SERVE_SAMPLE
//     generates the corpus into OUT/files, runs every file through decoding + the run's front end in process, an evenly
//     spread sample through `hark predict` and `hark features` (one process per file) and another through the run served
//     over HTTP, each with a 10 s limit, and prints one line per stage, then the total line.
var limit = TimeSpan.FromSeconds(10);
switch (args.FirstOrDefault())
{
    case "demo-data":
        Console.WriteLine(DemoDataset.Write(args[1], perClass: 8, seed: 11));
        return 0;
    case "run":
        break;
    default:
        Console.Error.WriteLine("usage: Hark.Bench.Fuzz demo-data DIR | run OUT RUN HARK_DLL PER_FORMAT CLI_SAMPLE SERVE_SAMPLE");
        return 2;
}
string outDir = Path.GetFullPath(args[1]), run = Path.GetFullPath(args[2]), harkDll = Path.GetFullPath(args[3]);
int perFormat = int.Parse(args[4]), cliSample = int.Parse(args[5]), serveSample = int.Parse(args[6]);
string fixtures = Path.Combine(AppContext.BaseDirectory, "../../../../../tests/Hark.Audio.Tests/Fixtures/audio");
var files = Path.Combine(outDir, "files");
if (Directory.Exists(files)) Directory.Delete(files, recursive: true);
Directory.CreateDirectory(files);
var cases = FuzzCorpus.Generate(fixtures, perFormat, seed: 18, LibSndFile.Shared is not null).ToList();
foreach (var c in cases) File.WriteAllBytes(Path.Combine(files, c.Name), c.Bytes);
foreach (var family in cases.GroupBy(c => c.Format)) Console.WriteLine($"generated {family.Count()} {family.Key} files");

var predictor = Predictor.Load(run);
var stopwatch = Stopwatch.StartNew();
var inProcess = cases.Select(c => FuzzRunner.Run(c, predictor.FrontEnd, limit)).ToList();
Report("in-process decode + front end", inProcess, stopwatch.Elapsed);

var all = new List<FuzzResult>(inProcess);
var cli = new List<FuzzResult>();
stopwatch.Restart();
foreach (var c in Spread(cases, cliSample))
{
    cli.Add(RunCli(c, ["predict", run, Path.Combine(files, c.Name)], judgeOutput: true));
    var csv = Path.Combine(outDir, "one.csv");
    File.WriteAllText(csv, $"path,label\n{Path.Combine(files, c.Name)},tone\n");
    cli.Add(RunCli(c, ["features", "--data", csv, "--recipe", Path.Combine(run, "config.yaml"), "--cache", Path.Combine(outDir, "cache")], judgeOutput: false));
}
Report("hark predict + hark features", cli, stopwatch.Elapsed);
all.AddRange(cli);

stopwatch.Restart();
var served = await RunServerAsync(Spread(cases, serveSample));
Report("hark serve POST /v1/predict", served, stopwatch.Elapsed);
all.AddRange(served);
Console.WriteLine(FuzzRunner.Summary(all));
return 0;

void Report(string stage, List<FuzzResult> results, TimeSpan took)
{
    Console.WriteLine($"{stage}: {FuzzRunner.Summary(results)} ({took.TotalSeconds:0.0} s; decoded {results.Count(r => r.Verdict == FuzzVerdict.Decoded)}, refused {results.Count(r => r.Verdict == FuzzVerdict.Refused)})");
    foreach (var bad in results.Where(r => r.Verdict is not (FuzzVerdict.Decoded or FuzzVerdict.Refused)).Take(15))
        Console.WriteLine($"  {bad.Verdict}: {bad.Case.Name}: {bad.Detail}");
}

static IEnumerable<FuzzCase> Spread(List<FuzzCase> cases, int count)
{
    int step = Math.Max(1, cases.Count / Math.Max(1, count));
    return cases.Where((_, i) => i % step == step / 2).Take(count);
}

// A `hark` process on one file: exit 0, or 2 (a problem with the input) with a clear one-line error, expected; exit 1 is
// an internal error and counts as a crash. judgeOutput reads predict's table.
FuzzResult RunCli(FuzzCase c, string[] arguments, bool judgeOutput)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    start.ArgumentList.Add(harkDll);
    foreach (var a in arguments) start.ArgumentList.Add(a);
    start.Environment["HARK_QUIET"] = "1";
    using var process = Process.Start(start)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    string command = $"hark {arguments[0]}";
    if (!process.WaitForExit(limit))
    {
        process.Kill(entireProcessTree: true);
        return new FuzzResult(c, FuzzVerdict.Hang, $"{command}: no exit within {limit.TotalSeconds} s");
    }
    string output = stdout.Result + stderr.Result;
    if (output.Contains("Unhandled exception") || output.Contains("   at ") || process.ExitCode is not (0 or 2))
        return new FuzzResult(c, FuzzVerdict.Crash, $"{command}: exit {process.ExitCode}: {Tail(output)}");
    if (process.ExitCode == 2)
    {
        var errors = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        bool clear = errors.Length == 1 && errors[0].Contains(c.Name) && !errors[0].Contains("Exception");
        return new FuzzResult(c, clear ? FuzzVerdict.Refused : FuzzVerdict.UnclearError, $"{command}: {Tail(stderr.Result)}");
    }
    if (!judgeOutput)
    {
        // `hark features` skips bad files: the report must name this one with its reason on one line.
        bool skipped = output.Contains(c.Name) && (output.Contains("skipped") || output.Contains("unreadable") || output.Contains("bad"));
        if (c.MustRefuse && !skipped) return new FuzzResult(c, FuzzVerdict.SilentGarbage, $"{command}: exit 0 without reporting the file: {Tail(output)}");
        return new FuzzResult(c, skipped ? FuzzVerdict.Refused : FuzzVerdict.Decoded, $"{command}: {Tail(output)}");
    }
    if (c.MustRefuse) return new FuzzResult(c, FuzzVerdict.SilentGarbage, $"{command}: exit 0: {Tail(output)}");
    if (output.Contains("NaN") || output.Contains("Infinity") || output.Contains('∞'))
        return new FuzzResult(c, FuzzVerdict.NanOutput, $"{command}: {Tail(output)}");
    return new FuzzResult(c, FuzzVerdict.Decoded, $"{command}: {Tail(output)}");
}

async Task<List<FuzzResult>> RunServerAsync(IEnumerable<FuzzCase> sample)
{
    var results = new List<FuzzResult>();
    var log = new List<string>();
    await using var server = await HarkServer.StartAsync(new ServeOptions { RunDirectory = run, Urls = ["http://127.0.0.1:0"] }, line => { lock (log) log.Add(line); });
    using var client = new HttpClient { BaseAddress = new Uri(server.Urls[0]), Timeout = limit };
    foreach (var c in sample)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(c.Bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", c.Name);
        try
        {
            using var response = await client.PostAsync("/v1/predict", form);
            int status = (int)response.StatusCode;
            string text = await response.Content.ReadAsStringAsync();
            if (status >= 500) results.Add(new FuzzResult(c, FuzzVerdict.Crash, $"HTTP {status}: {Tail(text)}"));
            else if (status >= 400)
            {
                string message = JsonDocument.Parse(text).RootElement.GetProperty("message").GetString() ?? "";
                bool clear = message.Contains(c.Name) && !message.Contains('\n') && !message.Contains("Exception");
                results.Add(new FuzzResult(c, clear ? FuzzVerdict.Refused : FuzzVerdict.UnclearError, $"HTTP {status}: {message}"));
            }
            else if (c.MustRefuse) results.Add(new FuzzResult(c, FuzzVerdict.SilentGarbage, $"HTTP {status}: {Tail(text)}"));
            else if (text.Contains("NaN") || text.Contains("Infinity")) results.Add(new FuzzResult(c, FuzzVerdict.NanOutput, Tail(text)));
            else results.Add(new FuzzResult(c, FuzzVerdict.Decoded, $"HTTP {status}"));
        }
        catch (TaskCanceledException)
        {
            results.Add(new FuzzResult(c, FuzzVerdict.Hang, $"no answer within {limit.TotalSeconds} s"));
        }
    }
    var readiness = await client.GetAsync("/healthz");
    if (!readiness.IsSuccessStatusCode) results.Add(new FuzzResult(new FuzzCase("server", "server", [], false), FuzzVerdict.Crash, "the server stopped answering /healthz"));
    return results;
}

static string Tail(string text)
{
    var flat = text.Trim().Replace('\n', '|');
    return flat.Length <= 300 ? flat : "..." + flat[^300..];
}
