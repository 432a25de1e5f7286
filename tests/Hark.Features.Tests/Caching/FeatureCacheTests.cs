using Hark.Features.Extraction;
using Hark.Data;
using Hark.Audio;
using Hark.Features.Caching;
using Hark.Audio.Cropping;
using Hark.Audio.FrontEnds;
using Hark.Audio.Tests.Fixtures;
using Hark.Tensors.Serialization;

namespace Hark.Features.Tests.Caching;

public sealed class FeatureCacheTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"hark-cache-test-{Guid.NewGuid():N}");
    private readonly FrontEnd _frontEnd = new(FrontEnd.Panns32k);

    public FeatureCacheTests() => Directory.CreateDirectory(Path.Combine(_root, "audio"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string WriteWav(string name, int sampleRate, int samples, ulong seed)
    {
        var path = Path.Combine(_root, "audio", name);
        var x = DspFixtures.Noise(samples, seed);
        using var w = new BinaryWriter(File.Create(path));
        w.Write("RIFF"u8); w.Write(36 + 2 * samples); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(sampleRate); w.Write(2 * sampleRate); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write(2 * samples);
        foreach (var v in x) w.Write((short)Math.Clamp(MathF.Round(v * 32767), -32768, 32767));
        return path;
    }

    [Fact]
    public void AWarmRunReadsEveryEntryBackAndEntriesAreNumpyFiles()
    {
        var files = Enumerable.Range(0, 6).Select(i => WriteWav($"clip{i}.wav", i % 2 == 0 ? 8000 : 22050, 3000 + 500 * i, (ulong)i)).ToList();
        var cache = new FeatureCache(Path.Combine(_root, "cache"), _frontEnd);
        var cold = FeatureExtraction.ExtractFiles(files, _frontEnd, cache);
        Assert.Equal(0, cold.CacheHits);
        var warm = FeatureExtraction.ExtractFiles(files, _frontEnd, new FeatureCache(Path.Combine(_root, "cache"), _frontEnd));
        Assert.Equal(files.Count, warm.CacheHits);
        for (int i = 0; i < files.Count; i++)
        {
            var direct = _frontEnd.Apply(AudioFile.Read(files[i]));
            Assert.Equal(direct.Shape, warm.Features[i].Features.Shape);
            Assert.Equal(direct.ToArray(), warm.Features[i].Features.ToArray());
            Assert.Equal(direct.ToArray(), cold.Features[i].Features.ToArray());
            var entry = cache.EntryPath(FeatureCache.ContentHash(File.ReadAllBytes(files[i])));
            Assert.Equal(direct.ToArray(), Npy.Load(entry).ToArray());
        }
        Assert.True(File.Exists(Path.Combine(cache.Directory, "frontend.json")));
        Assert.Empty(Directory.EnumerateFiles(cache.Directory, "*.tmp-*"));
    }

    [Fact]
    public void FeaturesGoStraightIntoADestinationOnAMissAndOnAHit()
    {
        var file = WriteWav("into.wav", 22050, 9000, 5);
        var direct = _frontEnd.Apply(AudioFile.Read(file)).ToArray();
        var root = Path.Combine(_root, "cache");
        var cold = new float[direct.Length];
        var warm = new float[direct.Length];
        new FeatureCache(root, _frontEnd).GetOrCompute(file, cold, out bool coldHit);
        new FeatureCache(root, _frontEnd).GetOrCompute(file, warm, out bool warmHit);
        Assert.Equal((false, true), (coldHit, warmHit));
        Assert.Equal(direct, cold);
        Assert.Equal(direct, warm);
    }

    [Fact]
    public void ADestinationOfTheWrongSizeIsRefusedNamingBothSizes()
    {
        var file = WriteWav("size.wav", 8000, 4000, 6);
        int values = _frontEnd.NMels * _frontEnd.FrameCount(4000, 8000);
        var root = Path.Combine(_root, "cache");
        var miss = Assert.Throws<ArgumentException>(() => new FeatureCache(root, _frontEnd).GetOrCompute(file, new float[values - 1], out _));
        Assert.Contains($"{values} values", miss.Message);
        Assert.Contains($"holds {values - 1}", miss.Message);
        new FeatureCache(root, _frontEnd).GetOrCompute(file, out _);
        var hit = Assert.Throws<ArgumentException>(() => new FeatureCache(root, _frontEnd).GetOrCompute(file, new float[values + 1], out _));
        Assert.Contains("size.wav", hit.Message);
        Assert.Contains($"holds {values + 1}", hit.Message);
    }

    [Fact]
    public void ChangingTheAudioOrAFrontEndParameterMissesTheCache()
    {
        var file = WriteWav("a.wav", 8000, 4000, 1);
        var root = Path.Combine(_root, "cache");
        new FeatureCache(root, _frontEnd).GetOrCompute(file, out bool first);
        new FeatureCache(root, _frontEnd).GetOrCompute(file, out bool second);
        Assert.False(first);
        Assert.True(second);
        WriteWav("a.wav", 8000, 4000, 2);
        new FeatureCache(root, _frontEnd).GetOrCompute(file, out bool afterEdit);
        Assert.False(afterEdit);
        var otherFrontEnd = new FrontEnd(FrontEnd.Panns32k with { HopLength = 160 });
        var features = new FeatureCache(root, otherFrontEnd).GetOrCompute(file, out bool otherParameters);
        Assert.False(otherParameters);
        Assert.Equal(otherFrontEnd.FrameCount(4000, 8000), features.Shape[1]);
    }

    [Fact]
    public void TwoFillersOfTheSameCacheAtOnceLeaveOnlyCompleteEntries()
    {
        var files = Enumerable.Range(0, 12).Select(i => WriteWav($"c{i}.wav", 16000, 4000, (ulong)i)).ToList();
        var root = Path.Combine(_root, "cache");
        var results = new ExtractionResult[2];
        Parallel.For(0, 2, k => results[k] = FeatureExtraction.ExtractFiles(files, _frontEnd, new FeatureCache(root, new FrontEnd(FrontEnd.Panns32k)),
            new ExtractionOptions { MaxDegreeOfParallelism = 2 }));
        Assert.All(results, r => Assert.Equal(files.Count, r.Features.Count));
        Assert.Equal(results[0].Features.Select(f => f.Features.ToArray()), results[1].Features.Select(f => f.Features.ToArray()));
        var cache = new FeatureCache(root, _frontEnd);
        Assert.Equal(files.Count, Directory.EnumerateFiles(cache.Directory, "*.npy").Count());
        Assert.Empty(Directory.EnumerateFiles(cache.Directory, "*.tmp-*"));
        Assert.Equal(files.Count, FeatureExtraction.ExtractFiles(files, _frontEnd, cache).CacheHits);
    }

    [Fact]
    public void BadFilesAreReportedAndSkippedOrFailTheBatch()
    {
        var good = WriteWav("good.wav", 8000, 3000, 1);
        var bad = Path.Combine(_root, "audio", "bad.wav");
        File.WriteAllBytes(bad, "RIFF\x10\0\0\0WAVEjunk"u8.ToArray());
        var missing = Path.Combine(_root, "audio", "missing.wav");
        var reports = new List<ExtractionProgress>();
        var result = FeatureExtraction.ExtractFiles([good, bad, missing], _frontEnd, progress: new SynchronousProgress(reports));
        Assert.Single(result.Features);
        Assert.Equal([bad, missing], result.Errors.Select(e => e.Path));
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        Assert.Equal(3, reports.Max(r => r.Completed));
        Assert.Equal(2, reports.Max(r => r.Failed));
        var e = Assert.Throws<AudioDecodeException>(() => FeatureExtraction.ExtractFiles([good, bad], _frontEnd, options: new ExtractionOptions { OnBadFile = ProblemPolicy.Fail }));
        Assert.Contains("bad.wav", e.Message);
    }

    [Fact]
    public void ARandomCropFrontEndIsNotCached()
    {
        var random = new FrontEnd(FrontEnd.Panns32k with { Length = new LengthPolicy { Seconds = 1, Crop = CropPosition.Random } });
        var e = Assert.Throws<ArgumentException>(() => new FeatureCache(Path.Combine(_root, "cache"), random));
        Assert.Contains("random", e.Message);
    }

    private sealed class SynchronousProgress(List<ExtractionProgress> reports) : IProgress<ExtractionProgress>
    {
        public void Report(ExtractionProgress value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
