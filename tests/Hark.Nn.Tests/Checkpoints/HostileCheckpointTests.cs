using System.IO.Compression;
using Hark.Nn.Checkpoints;

namespace Hark.Nn.Tests.Checkpoints;

/// <summary>
/// Checkpoints crafted to make a reader allocate far more than the file holds, or to crash it (issue 18): each must end
/// with a one-line <see cref="FormatException"/> naming the file, after at most 256 MB of managed allocation.
/// </summary>
public sealed class HostileCheckpointTests : IDisposable
{
    private const long MemoryLimit = 256L << 20;
    private readonly string folder = Directory.CreateTempSubdirectory("hark-hostile-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathFor(string name) => Path.Combine(folder, name);

    /// <summary>Reads <paramref name="path"/> with <see cref="StateDictFile.Read"/>; returns the error after checking its form and cost.</summary>
    private static string Refused(string path)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<FormatException>(() => StateDictFile.Read(path).ToList());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < MemoryLimit, $"{Path.GetFileName(path)} made the reader allocate {allocated:N0} bytes before refusing it: {error.Message}");
        Assert.StartsWith(path, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }

    private static void Mentions(string message, string expected) =>
        Assert.True(message.Contains(expected, StringComparison.Ordinal), $"expected \"{expected}\" in: {message}");

    [Fact]
    public void StrideZeroOverAOneFloatStorageIsRefusedBeforeGathering()
    {
        var path = PathFor("stride0.pth");
        CraftedCheckpoint.WriteZip(path, CraftedCheckpoint.StateDictPickle(1, 0, [120_000_000], [0]), ("0", new byte[4], CompressionLevel.NoCompression));
        Mentions(Refused(path), "tensor 'w' [120000000]");
    }

    [Fact]
    public void AStorageClaiming86GBInATinyFileIsRefused()
    {
        var path = PathFor("huge-storage.pth");
        CraftedCheckpoint.WriteZip(path, CraftedCheckpoint.StateDictPickle(2_150_000_000, 0, [2], [1]), ("0", new byte[8], CompressionLevel.NoCompression));
        Mentions(Refused(path), "storage 0 (FloatStorage) declares 2,150,000,000 elements");
    }

    [Fact]
    public void AZipEntryClaiming2GBIsRefusedWithoutA2GBBuffer()
    {
        var path = PathFor("claims-2gb.pth");
        CraftedCheckpoint.WriteZip(path, CraftedCheckpoint.StateDictPickle(2, 0, [2], [1]), ("0", new byte[8], CompressionLevel.NoCompression));
        CraftedCheckpoint.ClaimUncompressedSize(path, "archive/data.pkl", 0x8000_0000);
        Mentions(Refused(path), "archive/data.pkl");
    }

    [Fact]
    public void ADeflateBombStorageIsRefusedBeforeItIsInflated()
    {
        var path = PathFor("bomb.pth");
        const int elements = 16 << 20; // 64 MB of zeros deflate to about 64 KB
        CraftedCheckpoint.WriteZip(path, CraftedCheckpoint.StateDictPickle(elements, 0, [elements], [1]), ("0", new byte[4L * elements], CompressionLevel.SmallestSize));
        Assert.True(new FileInfo(path).Length < 1 << 20);
        Mentions(Refused(path), "storage 0");
    }

    [Fact]
    public void ADeflateBombPickleIsRefusedBeforeItIsInflated()
    {
        var path = PathFor("pickle-bomb.pth");
        var pickle = new byte[64 << 20];
        Array.Fill(pickle, (byte)'N'); // 64 MB of None opcodes
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        using (var stream = archive.CreateEntry("archive/data.pkl", CompressionLevel.SmallestSize).Open())
            stream.Write(pickle);
        Mentions(Refused(path), "archive/data.pkl");
    }

    [Theory]
    [InlineData(3_000_000_000L, new long[] { 3_000_000_000L }, new long[] { 1 }, "declares 3,000,000,000 elements")]
    [InlineData(16L, new long[] { 3_000_000_000L }, new long[] { 0 }, "holds more than")]
    [InlineData(16L, new long[] { 1L << 40, 1L << 40 }, new long[] { 0, 0 }, "holds more than")]
    [InlineData(16L, new long[] { 4 }, new long[] { long.MaxValue / 2 }, "reads element")]
    [InlineData(16L, new long[] { 4 }, new long[] { -1 }, "negative")]
    [InlineData(16L, new long[] { 2, 2 }, new long[] { 1 }, "2 sizes but 1 strides")]
    public void SizesAndStridesBeyondTheStorageOr2Pow31AreRefusedWithoutOverflow(long numel, long[] size, long[] stride, string expected)
    {
        var path = PathFor("sizes.pth");
        CraftedCheckpoint.WriteZip(path, CraftedCheckpoint.StateDictPickle(numel, 0, size, stride), ("0", new byte[64], CompressionLevel.NoCompression));
        Mentions(Refused(path), expected);
    }

    [Fact]
    public void AnOffsetPastTheStorageIsRefused()
    {
        var path = PathFor("offset.pth");
        CraftedCheckpoint.WriteZip(path, CraftedCheckpoint.StateDictPickle(4, 3, [2], [1]), ("0", new byte[16], CompressionLevel.NoCompression));
        Mentions(Refused(path), "reads element 4 of storage 0, which holds 4");
    }

    [Fact]
    public void APersistentIdNestedAMillionTuplesDeepIsDescribedWithoutRecursion()
    {
        var path = PathFor("nested.pth");
        var pickle = new List<byte> { 0x80, 2, (byte)'N' };
        pickle.AddRange(Enumerable.Repeat((byte)0x85, 1_000_000)); // TUPLE1, a million times
        pickle.AddRange("Q."u8.ToArray());
        CraftedCheckpoint.WriteZip(path, pickle.ToArray());
        Mentions(Refused(path), "persistent id ((...)) is not a ('storage'");
    }

    [Fact]
    public void ACraftedLegacyFileLoadsAndItsHostileVariantsAreRefused()
    {
        var path = PathFor("legacy.pth");
        var data = new byte[16];
        BitConverter.TryWriteBytes(data.AsSpan(4), 2.5f);
        CraftedCheckpoint.WriteLegacy(path, CraftedCheckpoint.StateDictPickle(4, 1, [2], [1]), 4, data);
        Assert.Equal([2.5f, 0f], StateDictFile.Read(path).Single().Value.ToArray());

        CraftedCheckpoint.WriteLegacy(path, CraftedCheckpoint.StateDictPickle(1, 0, [120_000_000], [0]), 1, new byte[4]);
        Mentions(Refused(path), "tensor 'w' [120000000]");
        CraftedCheckpoint.WriteLegacy(path, CraftedCheckpoint.StateDictPickle(2_150_000_000, 0, [2], [1]), 2_150_000_000, new byte[8]);
        Mentions(Refused(path), "truncated: storage 0 (FloatStorage) needs 2,150,000,000 x 4 bytes");
        CraftedCheckpoint.WriteLegacy(path, CraftedCheckpoint.StateDictPickle(4, 0, [4], [1]), 1L << 62, data);
        Mentions(Refused(path), "declares 4 elements in the pickle and 4,611,686,018,427,387,904 in the data");
        CraftedCheckpoint.WriteLegacy(path, CraftedCheckpoint.StateDictPickle(4, 0, [4], [1]), 4, data[..10]);
        Mentions(Refused(path), "truncated");
    }

    [Theory]
    [InlineData("[]", "tried safetensors")]
    [InlineData("null", "tried safetensors")]
    [InlineData("{", "not valid JSON")]
    [InlineData("""{"w":null}""", "tensor 'w' is a JSON Null")]
    [InlineData("""{"w":{"shape":[1],"data_offsets":[0,4]}}""", "field 'dtype'")]
    [InlineData("""{"w":{"dtype":5,"shape":[1],"data_offsets":[0,4]}}""", "field 'dtype'")]
    [InlineData("""{"w":{"dtype":"F99","shape":[1],"data_offsets":[0,4]}}""", "field 'dtype' is F99")]
    [InlineData("""{"w":{"dtype":"F32","data_offsets":[0,4]}}""", "field 'shape'")]
    [InlineData("""{"w":{"dtype":"F32","shape":["a"],"data_offsets":[0,4]}}""", "field 'shape'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}""", "field 'shape'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", "field 'shape'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[3000000000],"data_offsets":[0,4]}}""", "field 'shape'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[65536,65536],"data_offsets":[0,4]}}""", "field 'shape'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1]}}""", "field 'data_offsets'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}""", "field 'data_offsets'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}""", "field 'data_offsets'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,99999999999999999999]}}""", "field 'data_offsets'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"v":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", "overlap")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "appears twice")]
    [InlineData("""{"__metadata__":[]}""", "field '__metadata__'")]
    [InlineData("""{"__metadata__":{"a":1}}""", "field '__metadata__.a'")]
    public void MalformedSafetensorsHeadersNameTheField(string header, string expected)
    {
        var path = PathFor("bad.safetensors");
        var json = System.Text.Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + 16];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), (ulong)json.Length);
        json.CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        Mentions(Refused(path), expected);
    }

    [Fact]
    public void ASafetensorsFileWhoseTensorsShareBytesCannotMultiplyMemory()
    {
        // 20,000 tensors all claiming the same 4 MB would be 80 GB
        var path = PathFor("aliased.safetensors");
        var entries = string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"t{i}\":{{\"dtype\":\"F32\",\"shape\":[1048576],\"data_offsets\":[0,4194304]}}"));
        var json = System.Text.Encoding.UTF8.GetBytes("{" + entries + "}");
        using (var stream = File.Create(path))
        {
            stream.Write(BitConverter.GetBytes((ulong)json.Length));
            stream.Write(json);
            stream.SetLength(stream.Length + 4194304);
        }
        Mentions(Refused(path), "overlap");
    }

    public static TheoryData<string> ValidFixtures => new()
    {
        "small_state_dict.pth", "checkpoints/plain_legacy.pth", "checkpoints/panns_layout.pth",
        "checkpoints/panns_layout_legacy.pth", "small_state_dict.safetensors",
    };

    [Theory]
    [MemberData(nameof(ValidFixtures))]
    public void EveryTruncationOfAValidCheckpointIsRefusedCleanly(string fixture)
    {
        var bytes = File.ReadAllBytes(Fixtures.PathOf(fixture));
        var path = PathFor("truncated" + Path.GetExtension(fixture));
        for (int length = 0; length < bytes.Length; length += Math.Max(1, bytes.Length / 150))
        {
            File.WriteAllBytes(path, bytes[..length]);
            Refused(path);
        }
    }

    [Theory]
    [MemberData(nameof(ValidFixtures))]
    public void FlippedBytesEitherLoadOrGiveAFormatError(string fixture)
    {
        var bytes = File.ReadAllBytes(Fixtures.PathOf(fixture));
        var path = PathFor("flipped" + Path.GetExtension(fixture));
        for (int at = 0; at < bytes.Length; at += Math.Max(1, bytes.Length / 300))
        {
            var copy = (byte[])bytes.Clone();
            copy[at] ^= 0xA5;
            File.WriteAllBytes(path, copy);
            long before = GC.GetAllocatedBytesForCurrentThread();
            try { StateDictFile.Read(path).ToList(); }
            catch (FormatException e) { Assert.StartsWith(path, e.Message); }
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < MemoryLimit, $"flipping byte {at} of {fixture} made the reader allocate over 256 MB");
        }
    }
}
