using Hark.Features.Extraction;
using System.Diagnostics;
using Hark.Audio;
using Hark.Audio.FrontEnds;
using Hark.Audio.Tests.Fuzzing;
using Hark.Features.Caching;
using Hark.Tensors.Serialization;

namespace Hark.Features.Tests.Caching;

/// <summary>Issue 18 in the feature cache and batch extraction: no NaN entry is served, no stalled file stalls a batch.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hark-hostile-").FullName;
    private readonly FrontEnd _frontEnd = new(FrontEnd.Librosa);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void AnEntryHoldingNaNIsRecomputedInsteadOfServed()
    {
        var file = Path.Combine(_root, "tone.wav");
        File.WriteAllBytes(file, WavBytes.Pcm16(WavBytes.Tone(8000)));
        var cache = new FeatureCache(Path.Combine(_root, "cache"), _frontEnd);
        var good = cache.GetOrCompute(file, out bool first).ToArray();
        Assert.False(first);
        // An entry left by a version that cached NaN features.
        var entry = cache.EntryPath(FeatureCache.ContentHash(File.ReadAllBytes(file)));
        var poisoned = (float[])good.Clone();
        poisoned[10] = float.NaN;
        Npy.Save(entry, poisoned, [_frontEnd.NMels, good.Length / _frontEnd.NMels]);
        var again = new FeatureCache(Path.Combine(_root, "cache"), _frontEnd).GetOrCompute(file, out bool hit);
        Assert.False(hit);
        Assert.Equal(good, again.ToArray());
    }

    [Fact]
    public void NaNAudioIsReportedPerFileAndNeverCached()
    {
        var samples = WavBytes.Tone(8000);
        samples[5] = float.NaN;
        var bad = Path.Combine(_root, "nan.wav");
        var fine = Path.Combine(_root, "fine.wav");
        File.WriteAllBytes(bad, WavBytes.Float32(samples));
        File.WriteAllBytes(fine, WavBytes.Pcm16(WavBytes.Tone(8000)));
        var cache = new FeatureCache(Path.Combine(_root, "cache"), _frontEnd);
        var result = FeatureExtraction.ExtractFiles([bad, fine], _frontEnd, cache);
        Assert.Equal(fine, Assert.Single(result.Features).Path);
        Assert.Equal("sample 5 is NaN; audio samples must be finite numbers within +-2^32 (--replace-bad-samples replaces them by 0)", Assert.Single(result.Errors).Reason);
        Assert.Single(Directory.GetFiles(cache.Directory, "*.npy"));
    }

    /// <summary>A FIFO nobody writes to blocks its reader forever, like a file on a stalled network mount.</summary>
    [Fact]
    public void AFileWhoseReadNeverReturnsDoesNotStallFeatureExtraction()
    {
        if (OperatingSystem.IsWindows()) return;
        string fifo = Path.Combine(_root, "stalled.wav");
        using (var mkfifo = Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
        string first = Path.Combine(_root, "first.wav"), last = Path.Combine(_root, "last.wav");
        File.WriteAllBytes(first, WavBytes.Pcm16(WavBytes.Tone(4000)));
        File.WriteAllBytes(last, WavBytes.Pcm16(WavBytes.Tone(6000), channels: 2));
        string[] paths = [first, fifo, last];
        try
        {
            var extracted = FeatureExtraction.ExtractFiles(paths, _frontEnd, options: new ExtractionOptions { FileTimeBudget = TimeSpan.FromSeconds(2) });
            Assert.Equal([paths[0], paths[2]], extracted.Features.Select(f => f.Path));
            var error = Assert.Single(extracted.Errors);
            Assert.Equal(fifo, error.Path);
            Assert.Equal(BudgetedParallel.OverBudgetReason(TimeSpan.FromSeconds(2)), error.Reason);
        }
        finally
        {
            // Release the abandoned reader: its open of the FIFO completes once a writer has come and gone.
            try { using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write); } catch (IOException) { }
        }
    }
}
