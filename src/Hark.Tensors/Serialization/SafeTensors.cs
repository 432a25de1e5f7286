using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hark.Tensors.Serialization;

/// <summary>
/// Reads and writes the safetensors format (https://huggingface.co/docs/safetensors): an 8-byte little-endian header
/// length, a JSON header naming each tensor's dtype, shape and byte range, then the raw little-endian data.
/// Hark writes F32; it reads F32, F64, F16, BF16 (converted to float32) and I64/I32 (converted, for integer buffers
/// such as BatchNorm's num_batches_tracked).
/// </summary>
public static class SafeTensors
{
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>Writes <paramref name="tensors"/> (CPU copies are taken of others) to <paramref name="path"/> atomically: a temporary file is renamed over it.</summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var temporary = path + ".tmp-" + Environment.ProcessId;
        using (var stream = File.Create(temporary))
        {
            Write(stream, tensors, metadata);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var entries = tensors.Select(kv => (Name: kv.Key, Data: kv.Value.ToArray(), Shape: kv.Value.Shape)).ToList();
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
            header["__metadata__"] = new JsonObject(metadata.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        long offset = 0;
        foreach (var (name, data, shape) in entries)
        {
            if (header.ContainsKey(name)) throw new ArgumentException($"safetensors: duplicate tensor name '{name}'");
            long end = offset + 4L * data.Length;
            header[name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray(shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, end),
            };
            offset = end;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padding = (8 - json.Length % 8) % 8; // keeps the data aligned, as the reference writer does
        var headerBytes = new byte[json.Length + padding];
        json.CopyTo(headerBytes, 0);
        headerBytes.AsSpan(json.Length).Fill((byte)' ');
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)headerBytes.Length);
        stream.Write(length);
        stream.Write(headerBytes);
        foreach (var (_, data, _) in entries)
        {
            if (BitConverter.IsLittleEndian)
            {
                stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
                continue;
            }
            var bytes = new byte[4 * data.Length];
            for (int i = 0; i < data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), data[i]);
            stream.Write(bytes);
        }
    }

    /// <summary>Reads every tensor in the file, in file order, as CPU float32 tensors.</summary>
    public static Dictionary<string, Tensor> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"safetensors: file not found: {path}", path);
        var bytes = File.ReadAllBytes(path);
        try { return Read(bytes, out _); }
        catch (FormatException e) { throw new FormatException($"{path}: {e.Message}", e); }
    }

    public static Dictionary<string, Tensor> Read(ReadOnlySpan<byte> bytes, out Dictionary<string, string> metadata)
    {
        if (bytes.Length < 8) throw new FormatException($"not a safetensors file: {bytes.Length} bytes is shorter than the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderBytes || (long)headerLength > bytes.Length - 8)
            throw new FormatException($"not a safetensors file: header length {headerLength} does not fit in {bytes.Length} bytes");
        var data = bytes[(8 + (int)headerLength)..];
        JsonObject header;
        try { header = JsonNode.Parse(bytes.Slice(8, (int)headerLength).ToArray())!.AsObject(); }
        catch (JsonException e) { throw new FormatException($"safetensors header is not valid JSON: {e.Message}"); }

        metadata = [];
        var result = new Dictionary<string, Tensor>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (k, v) in node!.AsObject()) metadata[k] = v?.GetValue<string>() ?? "";
                continue;
            }
            var entry = node!.AsObject();
            string dtype = entry["dtype"]!.GetValue<string>();
            int[] shape = entry["shape"]!.AsArray().Select(d => d!.GetValue<int>()).ToArray();
            var offsets = entry["data_offsets"]!.AsArray();
            long begin = offsets[0]!.GetValue<long>(), end = offsets[1]!.GetValue<long>();
            int count = Tensor.CheckedNumel(shape);
            int width = ElementBytes(dtype, name);
            if (begin < 0 || end > data.Length || end - begin != (long)count * width)
                throw new FormatException($"tensor '{name}' ({dtype} {ShapeException.Format(shape)}) has byte range [{begin}, {end}) that does not match its size or the file");
            result[name] = new Tensor(new CpuStorage(Decode(data[(int)begin..(int)end], dtype, count)), shape); // keeps 0-d shapes
        }
        return result;
    }

    private static int ElementBytes(string dtype, string name) => dtype switch
    {
        "F32" or "I32" => 4,
        "F64" or "I64" => 8,
        "F16" or "BF16" => 2,
        "U8" or "I8" or "BOOL" => 1,
        _ => throw new FormatException($"tensor '{name}' has dtype {dtype}, which Hark cannot read (F32, F64, F16, BF16, I64, I32, U8, I8, BOOL)"),
    };

    private static float[] Decode(ReadOnlySpan<byte> raw, string dtype, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = dtype switch
            {
                "F32" => BinaryPrimitives.ReadSingleLittleEndian(raw[(4 * i)..]),
                "F64" => (float)BinaryPrimitives.ReadDoubleLittleEndian(raw[(8 * i)..]),
                "F16" => (float)BinaryPrimitives.ReadHalfLittleEndian(raw[(2 * i)..]),
                "BF16" => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(raw[(2 * i)..]) << 16),
                "I64" => BinaryPrimitives.ReadInt64LittleEndian(raw[(8 * i)..]),
                "I32" => BinaryPrimitives.ReadInt32LittleEndian(raw[(4 * i)..]),
                "I8" => (sbyte)raw[i],
                _ => raw[i],
            };
        }
        return values;
    }
}
