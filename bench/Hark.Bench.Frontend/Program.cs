// Front-end benchmark: decode + resample to 32 kHz + Panns32k log-mel over every .wav under a folder, in parallel over files
// on every core, as ../shared/bench/peer_torch_features.py does it with soundfile + torchaudio.
//   throughput DIR            prints "<n> clips, <s> s audio, <clips/s> clips/s, <audio-s/s> audio-s/s"
//   cache CACHE_DIR DIR...    extracts through the feature cache and prints "cache: <n> clips, <hits> hits, <cpu> s CPU, <wall> s"
//   reads CACHE_DIR           reads every .npy entry under CACHE_DIR into a fresh array, one thread per core, and nothing
//                             else: the least any warm run over that cache does. Prints "reads: <n> entries, <MB> MB, <wall> s"
using Hark.Features.Extraction;
using System.Diagnostics;
using System.Globalization;
using Hark.Audio;
using Hark.Features.Caching;
using Hark.Audio.FrontEnds;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length < 2 || args[0] is not ("throughput" or "cache" or "reads") || (args[0] == "cache" && args.Length < 3))
{
    Console.Error.WriteLine("usage: Hark.Bench.Frontend throughput DIR | cache CACHE_DIR DIR... | reads CACHE_DIR");
    return 2;
}

if (args[0] == "reads")
{
    var entries = Directory.EnumerateFiles(args[1], "*.npy", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
    var arrays = new byte[entries.Length][];
    var readClock = Stopwatch.StartNew();
    // open, lseek, pread, close from libc: the fewest system calls that read a file of unknown size (.NET's own file
    // APIs add locking and advice calls).
    Parallel.For(0, entries.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
    {
        int descriptor = BareRead.Open(entries[i] + "\0", 0);
        var bytes = GC.AllocateUninitializedArray<byte>((int)BareRead.Seek(descriptor, 0, 2));
        BareRead.PRead(descriptor, bytes, bytes.Length, 0);
        BareRead.Close(descriptor);
        arrays[i] = bytes;
    });
    double seconds = readClock.Elapsed.TotalSeconds;
    Console.WriteLine($"reads: {entries.Length} entries, {arrays.Sum(a => (long)a.Length) / 1e6:F0} MB, {seconds:F4} s");
    return 0;
}

static string[] WavFiles(IEnumerable<string> folders) =>
    folders.SelectMany(d => Directory.EnumerateFiles(d, "*.wav", SearchOption.AllDirectories)).Order(StringComparer.Ordinal).ToArray();

var frontEnd = new FrontEnd(FrontEnd.Panns32k);
if (args[0] == "throughput")
{
    var files = WavFiles([args[1]]);
    var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var result = FeatureExtraction.ExtractFiles(files, frontEnd);
    double elapsed = clock.Elapsed.TotalSeconds;
    double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
    double audio = files.Sum(f => AudioFile.Read(f).Duration);
    if (result.Errors.Count > 0) Console.Error.WriteLine($"{result.Errors.Count} files failed, e.g. {result.Errors[0].Path}: {result.Errors[0].Reason}");
    Console.Error.WriteLine($"hark {args[1]}: {cpuSeconds:F2} s CPU over {elapsed:F2} s wall");
    Console.WriteLine($"{result.Features.Count} clips, {audio:F0} s audio, {files.Length / elapsed:F1} clips/s, {audio / elapsed:F0} audio-s/s");
    return 0;
}

var all = WavFiles(args[2..]);
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var cacheClock = Stopwatch.StartNew();
var cache = new FeatureCache(args[1], frontEnd);
double opened = cacheClock.Elapsed.TotalSeconds;
var cached = FeatureExtraction.ExtractFiles(all, frontEnd, cache);
double wall = cacheClock.Elapsed.TotalSeconds;
double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
Console.Error.WriteLine($"hark cache: opened in {opened:F4} s, {cache.Index.Count} content hashes memoised; GC gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalSeconds:F4} s");
Console.WriteLine($"cache: {cached.Features.Count} clips, {cached.CacheHits} hits, {cpu:F3} s CPU, {wall:F4} s");
return 0;

static class BareRead
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "open")]
    public static extern int Open([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, int flags);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "lseek")]
    public static extern long Seek(int descriptor, long offset, int whence);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "pread")]
    public static extern nint PRead(int descriptor, byte[] buffer, nint count, long offset);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "close")]
    public static extern int Close(int descriptor);
}
