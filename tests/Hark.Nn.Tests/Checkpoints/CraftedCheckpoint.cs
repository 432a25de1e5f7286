using System.IO.Compression;
using System.Text;

namespace Hark.Nn.Tests.Checkpoints;

/// <summary>
/// Builds torch.save-shaped files byte by byte for the hostile-checkpoint tests: a protocol-2 pickle of
/// <c>{'w': _rebuild_tensor_v2(storage, offset, size, stride)}</c> whose numbers can lie, in a zip archive whose
/// entries can be deflated or claim sizes they do not have.
/// </summary>
internal static class CraftedCheckpoint
{
    /// <summary>The data.pkl of a one-tensor state dict over storage "0" of <paramref name="storageType"/> with <paramref name="numel"/> elements.</summary>
    public static byte[] StateDictPickle(long numel, long offset, long[] size, long[] stride, string storageType = "FloatStorage")
    {
        var pickle = new List<byte> { 0x80, 2, (byte)'}', (byte)'(' };
        Text(pickle, "w");
        Global(pickle, "torch._utils", "_rebuild_tensor_v2");
        pickle.Add((byte)'(');
        pickle.Add((byte)'(');
        Text(pickle, "storage");
        Global(pickle, "torch", storageType);
        Text(pickle, "0");
        Text(pickle, "cpu");
        Integer(pickle, numel);
        pickle.AddRange("tQ"u8.ToArray());
        Integer(pickle, offset);
        Tuple(pickle, size);
        Tuple(pickle, stride);
        pickle.Add(0x89); // False (requires_grad)
        Global(pickle, "collections", "OrderedDict");
        pickle.AddRange(")RtRu."u8.ToArray());
        return pickle.ToArray();
    }

    /// <summary>A pickle calling <paramref name="module"/>.<paramref name="name"/>("x") at the top level.</summary>
    public static byte[] CallPickle(string module, string name)
    {
        var pickle = new List<byte> { 0x80, 2 };
        Global(pickle, module, name);
        pickle.Add((byte)'(');
        Text(pickle, "x");
        pickle.AddRange("tR."u8.ToArray());
        return pickle.ToArray();
    }

    /// <summary>Writes archive/data.pkl and archive/data/&lt;key&gt; entries (stored unless a level is given) to <paramref name="path"/>.</summary>
    public static void WriteZip(string path, byte[] pickle, params (string Key, byte[] Data, CompressionLevel Level)[] storages)
    {
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        Add(archive, "archive/data.pkl", pickle, CompressionLevel.NoCompression);
        foreach (var (key, data, level) in storages) Add(archive, "archive/data/" + key, data, level);
    }

    /// <summary>
    /// Writes torch's legacy format: the magic number, protocol 1001 and system-info pickles, <paramref name="pickle"/>,
    /// the key list ['0'], then storage "0" as <paramref name="declaredNumel"/> (int64) followed by <paramref name="data"/>.
    /// </summary>
    public static void WriteLegacy(string path, byte[] pickle, long declaredNumel, byte[] data)
    {
        using var file = File.Create(path);
        file.Write([0x80, 2, 0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, (byte)'.']); // 0x1950a86a20f9469cfc6c
        file.Write([0x80, 2, (byte)'M', 0xe9, 0x03, (byte)'.']); // 1001
        file.Write([0x80, 2, (byte)'}', (byte)'.']); // {} (system info)
        file.Write(pickle);
        var keys = new List<byte> { 0x80, 2, (byte)']', (byte)'(' };
        Text(keys, "0");
        keys.AddRange("e."u8.ToArray());
        file.Write(keys.ToArray());
        file.Write(BitConverter.GetBytes(declaredNumel));
        file.Write(data);
    }

    /// <summary>Rewrites the uncompressed size the central directory records for <paramref name="entryName"/>.</summary>
    public static void ClaimUncompressedSize(string path, string entryName, uint size)
    {
        var bytes = File.ReadAllBytes(path);
        var name = Encoding.ASCII.GetBytes(entryName);
        for (int i = 0; i + 46 + name.Length <= bytes.Length; i++)
        {
            if (BitConverter.ToUInt32(bytes, i) != 0x02014b50 || !bytes.AsSpan(i + 46, name.Length).SequenceEqual(name)) continue;
            BitConverter.TryWriteBytes(bytes.AsSpan(i + 24), size);
            File.WriteAllBytes(path, bytes);
            return;
        }
        throw new InvalidOperationException($"no central directory entry {entryName} in {path}");
    }

    private static void Add(ZipArchive archive, string name, byte[] data, CompressionLevel level)
    {
        using var stream = archive.CreateEntry(name, level).Open();
        stream.Write(data);
    }

    private static void Text(List<byte> pickle, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        pickle.Add((byte)'X');
        pickle.AddRange(BitConverter.GetBytes((uint)bytes.Length));
        pickle.AddRange(bytes);
    }

    private static void Global(List<byte> pickle, string module, string name) =>
        pickle.AddRange(Encoding.ASCII.GetBytes($"c{module}\n{name}\n"));

    private static void Integer(List<byte> pickle, long value)
    {
        pickle.AddRange([0x8a, 8]); // LONG1 with 8 bytes
        pickle.AddRange(BitConverter.GetBytes(value));
    }

    private static void Tuple(List<byte> pickle, long[] values)
    {
        pickle.Add((byte)'(');
        foreach (var value in values) Integer(pickle, value);
        pickle.Add((byte)'t');
    }
}
