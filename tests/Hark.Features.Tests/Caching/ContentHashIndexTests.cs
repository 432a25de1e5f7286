using Hark.Features.Extraction;
using Hark.Audio;
using System.Text;
using Hark.Features.Caching;
using Hark.Audio.FrontEnds;
using Hark.Audio.Tests.Fixtures;

namespace Hark.Features.Tests.Caching;

public sealed class ContentHashIndexTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"hark-index-test-{Guid.NewGuid():N}");
    private readonly FrontEnd _frontEnd = new(FrontEnd.Panns32k);

    public ContentHashIndexTests() => Directory.CreateDirectory(Path.Combine(_root, "audio"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string CacheRoot => Path.Combine(_root, "cache");

    // Files in these tests are seconds old at most, so caches record them only with a zero racy window.
    private FeatureCache Open(TimeSpan? racyWindow = null) => new(CacheRoot, _frontEnd, racyWindow ?? TimeSpan.Zero);

    private string WriteWav(string name, ulong seed, int samples = 4000)
    {
        var path = Path.Combine(_root, "audio", name);
        var x = DspFixtures.Noise(samples, seed);
        using var w = new BinaryWriter(File.Create(path));
        w.Write("RIFF"u8); w.Write(36 + 2 * samples); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(16000); w.Write(32000); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write(2 * samples);
        foreach (var v in x) w.Write((short)Math.Clamp(MathF.Round(v * 32767), -32768, 32767));
        return path;
    }

    private List<string> WriteClips(int count) => Enumerable.Range(0, count).Select(i => WriteWav($"clip{i}.wav", (ulong)i)).ToList();

    private float[] Direct(string path) => _frontEnd.Apply(AudioFile.Read(path)).ToArray();

    [Fact]
    public void AWarmRunFindsUnchangedFilesByTheirStampWithoutReadingThem()
    {
        var files = WriteClips(5);
        var cold = Open();
        FeatureExtraction.ExtractFiles(files, _frontEnd, cold);
        Assert.Equal(0, cold.UnreadHits);
        var warm = Open();
        Assert.Equal(files.Count, warm.Index.Count);
        var result = FeatureExtraction.ExtractFiles(files, _frontEnd, warm);
        Assert.Equal(files.Count, result.CacheHits);
        Assert.Equal(files.Count, warm.UnreadHits);
        for (int i = 0; i < files.Count; i++) Assert.Equal(Direct(files[i]), result.Features[i].Features.ToArray());
    }

    [Fact]
    public void FilesChangedMomentsBeforeHashingAreNotRecorded()
    {
        var files = WriteClips(3);
        var cache = Open(ContentHashIndex.DefaultRacyWindow);
        FeatureExtraction.ExtractFiles(files, _frontEnd, cache);
        Assert.Equal(0, cache.Index.Count);
        Assert.False(File.Exists(cache.Index.IndexPath));
        var again = Open(ContentHashIndex.DefaultRacyWindow);
        Assert.Equal(files.Count, FeatureExtraction.ExtractFiles(files, _frontEnd, again).CacheHits);
        Assert.Equal(0, again.UnreadHits);
    }

    [Fact]
    public void ASameSizeRewriteWithTheOldMtimeRestoredIsStillNoticed()
    {
        var file = WriteWav("a.wav", 1);
        var first = Open();
        first.GetOrCompute(file, out _);
        first.SaveIndex();
        var mtime = File.GetLastWriteTimeUtc(file);
        long size = new FileInfo(file).Length;
        Thread.Sleep(50); // past the file system's clock tick, so the rewrite gets a new ctime
        WriteWav("a.wav", 2);
        File.SetLastWriteTimeUtc(file, mtime);
        Assert.Equal(size, new FileInfo(file).Length);
        Assert.Equal(mtime, File.GetLastWriteTimeUtc(file));
        var second = Open();
        var features = second.GetOrCompute(file, out bool hit);
        Assert.False(hit);
        Assert.Equal(0, second.UnreadHits);
        Assert.Equal(Direct(file), features.ToArray());
    }

    [Fact]
    public void AFileReplacedByRenameIsHashedAgain()
    {
        var file = WriteWav("a.wav", 1);
        var first = Open();
        first.GetOrCompute(file, out _);
        first.SaveIndex();
        var replacement = WriteWav("b.wav", 2);
        File.Move(replacement, file, overwrite: true);
        var second = Open();
        var features = second.GetOrCompute(file, out bool hit);
        Assert.False(hit);
        Assert.Equal(Direct(file), features.ToArray());
    }

    [Fact]
    public void ATamperedOrTruncatedIndexIsIgnoredAndRebuilt()
    {
        var files = WriteClips(3);
        FeatureExtraction.ExtractFiles(files, _frontEnd, Open());
        var indexPath = Path.Combine(CacheRoot, ContentHashIndex.FileName);
        var text = File.ReadAllText(indexPath);
        var lines = text.Split('\n');
        // Point the first file at the second file's hash: a body that no longer matches its header's checksum.
        lines[1] = lines[2][..64] + lines[1][64..];
        File.WriteAllText(indexPath, string.Join('\n', lines));
        var tampered = Open();
        Assert.Equal(0, tampered.Index.Count);
        var result = FeatureExtraction.ExtractFiles(files, _frontEnd, tampered);
        for (int i = 0; i < files.Count; i++) Assert.Equal(Direct(files[i]), result.Features[i].Features.ToArray());
        Assert.Equal(files.Count, Open().Index.Count);
        File.WriteAllBytes(indexPath, Encoding.UTF8.GetBytes(text)[..(text.Length / 2)]);
        Assert.Equal(0, Open().Index.Count);
    }

    [Fact]
    public void ACorruptEntryIsRecomputedAndReplaced()
    {
        var file = WriteWav("a.wav", 1);
        var first = Open();
        first.GetOrCompute(file, out _);
        first.SaveIndex();
        var entry = Directory.EnumerateFiles(first.Directory, "*.npy").Single();
        var bytes = File.ReadAllBytes(entry);
        File.WriteAllBytes(entry, bytes[..(bytes.Length - 100)]);
        var second = Open();
        var features = second.GetOrCompute(file, out bool hit);
        Assert.False(hit);
        Assert.Equal(Direct(file), features.ToArray());
        Assert.Equal(bytes, File.ReadAllBytes(entry));
        File.WriteAllBytes(entry, "not numpy at all"u8.ToArray());
        Assert.Equal(Direct(file), Open().GetOrCompute(file, out bool afterGarbage).ToArray());
        Assert.False(afterGarbage);
    }

    [Fact]
    public void TwoCachesSavingAtOnceLeaveAVerifiedIndexOfEveryFile()
    {
        var files = WriteClips(10);
        Parallel.For(0, 4, k =>
        {
            var mine = k % 2 == 0 ? files : files.AsEnumerable().Reverse().ToList();
            FeatureExtraction.ExtractFiles(mine, _frontEnd, Open(), new ExtractionOptions { MaxDegreeOfParallelism = 2 });
        });
        var index = new ContentHashIndex(CacheRoot);
        Assert.Equal(files.Count, index.Count);
        Assert.Empty(Directory.EnumerateFiles(CacheRoot, "*.tmp-*"));
        var warm = Open();
        Assert.Equal(files.Count, FeatureExtraction.ExtractFiles(files, _frontEnd, warm).CacheHits);
        Assert.Equal(files.Count, warm.UnreadHits);
    }

    [Fact]
    public void StampsSeeSizeMtimeAndInodeAndMissingFilesHaveNone()
    {
        var file = WriteWav("a.wav", 1);
        Assert.True(FileStamp.TryRead(file, out var stamp));
        Assert.Equal(new FileInfo(file).Length, stamp.Size);
        Assert.True(FileStamp.TryReadPortable(file, out var portable));
        Assert.Equal(portable.Size, stamp.Size);
        Assert.Equal(portable.ModifiedNanoseconds / 100, stamp.ModifiedNanoseconds / 100);
        if (OperatingSystem.IsLinux()) Assert.NotEqual(0UL, stamp.Inode);
        Assert.False(FileStamp.TryRead(Path.Combine(_root, "missing.wav"), out _));
    }
}
