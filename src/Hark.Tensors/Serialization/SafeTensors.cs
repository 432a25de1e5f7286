using Hark.Tensors.Backends;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hark.Tensors.Serialization;

/// <summary>
/// Reads and writes the safetensors format (https://huggingface.co/docs/safetensors): an 8-byte little-endian header
/// length, a JSON header naming each tensor's dtype, shape and byte range, then the raw little-endian data.
/// Hark writes F32; it reads F32, F64, F16, BF16 (converted to float32) and I64/I32/I16/I8/U8/BOOL (converted, for
/// integer buffers such as BatchNorm's num_batches_tracked). Every header field is checked against the bytes present
/// before anything is allocated, and a malformed one gives a one-line error naming the tensor and the field.
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
        var entries = tensors.Select(kv => (Name: kv.Key, Data: kv.Value.ToArray(), Shape: kv.Value.Shape.ToArray())).ToList();
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

    /// <summary>
    /// Reads every tensor in the file, in file order, as CPU float32 tensors. Each tensor is read from the file straight
    /// into its own array after the whole header has been checked, so at most 4x the file's size is allocated (U8 data).
    /// </summary>
    public static Dictionary<string, Tensor> Load(string path) => Load(path, out _);

    /// <inheritdoc cref="Load(string)"/>
    public static Dictionary<string, Tensor> Load(string path, out Dictionary<string, string> metadata)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"safetensors: file not found: {path}", path);
        using var file = File.OpenHandle(path);
        try
        {
            long fileLength = RandomAccess.GetLength(file);
            Span<byte> prefix = stackalloc byte[8];
            int got = RandomAccess.Read(file, prefix, 0);
            long headerLength = CheckHeaderLength(prefix[..got], fileLength);
            var json = new byte[headerLength];
            RandomAccess.Read(file, json, 8);
            long dataStart = 8 + headerLength;
            var entries = ParseHeader(json, fileLength - dataStart, out metadata);
            var result = new Dictionary<string, Tensor>();
            foreach (var entry in entries)
            {
                var values = GC.AllocateUninitializedArray<float>(entry.Count);
                StoredElements.Read(file, dataStart + entry.Begin, entry.Type, values);
                result[entry.Name] = new Tensor(new CpuStorage(values), entry.Shape);
            }
            return result;
        }
        catch (FormatException e) { throw new FormatException($"{path}: {e.Message}", e); }
    }

    /// <summary>Parses safetensors bytes; throws <see cref="FormatException"/> naming the field that is wrong.</summary>
    public static Dictionary<string, Tensor> Read(ReadOnlySpan<byte> bytes, out Dictionary<string, string> metadata)
    {
        long headerLength = CheckHeaderLength(bytes[..Math.Min(8, bytes.Length)], bytes.Length);
        var data = bytes[(8 + (int)headerLength)..];
        var entries = ParseHeader(bytes.Slice(8, (int)headerLength), data.Length, out metadata);
        var result = new Dictionary<string, Tensor>();
        foreach (var entry in entries)
        {
            var values = GC.AllocateUninitializedArray<float>(entry.Count);
            StoredElements.Decode(data[(int)entry.Begin..(int)entry.End], entry.Type, values);
            result[entry.Name] = new Tensor(new CpuStorage(values), entry.Shape); // keeps 0-d shapes
        }
        return result;
    }

    private sealed record Entry(string Name, StoredType Type, int[] Shape, int Count, long Begin, long End);

    private static long CheckHeaderLength(ReadOnlySpan<byte> prefix, long fileLength)
    {
        if (prefix.Length < 8) throw new FormatException($"not a safetensors file: {fileLength} bytes is shorter than the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes || (long)headerLength > fileLength - 8)
            throw new FormatException($"not a safetensors file: header length {headerLength} does not fit in {fileLength} bytes (at most {MaxHeaderBytes})");
        return (long)headerLength;
    }

    // Checks every entry of the JSON header before anything is allocated: types, shapes that fit a Hark tensor, byte
    // ranges inside the data that match the shape and do not overlap (so the tensors together never exceed the file)
    private static List<Entry> ParseHeader(ReadOnlySpan<byte> json, long dataLength, out Dictionary<string, string> metadata)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json)) throw new FormatException("safetensors header is not valid UTF-8 text");
        JsonDocument document;
        try { document = JsonDocument.Parse(json.ToArray()); }
        catch (JsonException e) { throw new FormatException($"safetensors header is not valid JSON: {e.Message}"); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException($"safetensors header is a JSON {root.ValueKind}, expected an object of tensors");
            metadata = [];
            var entries = new List<Entry>();
            var names = new HashSet<string>();
            foreach (var property in root.EnumerateObject())
            {
                if (!names.Add(property.Name)) throw new FormatException($"tensor '{property.Name}' appears twice in the header");
                if (property.Name == "__metadata__") ReadMetadata(property.Value, metadata);
                else entries.Add(ParseEntry(property.Name, property.Value, dataLength));
            }
            var byStart = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
            for (int i = 1; i < byStart.Count; i++)
                if (byStart[i].Begin < byStart[i - 1].End)
                    throw new FormatException($"tensors '{byStart[i - 1].Name}' and '{byStart[i].Name}' overlap (byte ranges [{byStart[i - 1].Begin}, {byStart[i - 1].End}) and [{byStart[i].Begin}, {byStart[i].End}))");
            return entries;
        }
    }

    private static void ReadMetadata(JsonElement node, Dictionary<string, string> metadata)
    {
        if (node.ValueKind != JsonValueKind.Object) throw new FormatException($"field '__metadata__' is a JSON {node.ValueKind}, expected an object of strings");
        foreach (var item in node.EnumerateObject())
            metadata[item.Name] = item.Value.ValueKind == JsonValueKind.String ? item.Value.GetString()!
                : throw new FormatException($"field '__metadata__.{item.Name}' is a JSON {item.Value.ValueKind}, expected a string");
    }

    private static Entry ParseEntry(string name, JsonElement node, long dataLength)
    {
        if (node.ValueKind != JsonValueKind.Object) throw new FormatException($"tensor '{name}' is a JSON {node.ValueKind}, expected an object with dtype, shape and data_offsets");
        if (!node.TryGetProperty("dtype", out var dtypeNode) || dtypeNode.ValueKind != JsonValueKind.String)
            throw new FormatException($"tensor '{name}': field 'dtype' is missing or not a string");
        string dtype = dtypeNode.GetString()!;
        var type = ParseType(dtype, name);
        var shapeValues = Integers(node, "shape", name);
        var shape = new int[shapeValues.Length];
        long count = 1;
        for (int d = 0; d < shape.Length; d++)
        {
            if (shapeValues[d] < 0 || shapeValues[d] > Array.MaxLength)
                throw new FormatException($"tensor '{name}': field 'shape' has dimension {shapeValues[d]}, expected 0..{Array.MaxLength}");
            shape[d] = (int)shapeValues[d];
            count *= shape[d];
            if (count > Array.MaxLength)
                throw new FormatException($"tensor '{name}': field 'shape' [{string.Join(", ", shapeValues)}] holds more than {Array.MaxLength} elements, the most a Hark tensor holds");
        }
        var offsets = Integers(node, "data_offsets", name);
        if (offsets.Length != 2) throw new FormatException($"tensor '{name}': field 'data_offsets' has {offsets.Length} entries, expected [begin, end]");
        long begin = offsets[0], end = offsets[1];
        if (begin < 0 || end < begin || end > dataLength || end - begin != count * StoredElements.Width(type))
            throw new FormatException($"tensor '{name}' ({dtype} {ShapeException.Format(shape)}): field 'data_offsets' [{begin}, {end}) does not match its {count} x {StoredElements.Width(type)} bytes inside the {dataLength} bytes of data");
        return new Entry(name, type, shape, (int)count, begin, end);
    }

    private static long[] Integers(JsonElement node, string field, string name)
    {
        if (!node.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
            throw new FormatException($"tensor '{name}': field '{field}' is missing or not an array");
        var values = new long[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out values[i++]))
                throw new FormatException($"tensor '{name}': field '{field}' holds {item.GetRawText()}, expected integers below 2^63");
        return values;
    }

    private static StoredType ParseType(string dtype, string name) => dtype switch
    {
        "F32" => StoredType.Float32,
        "F64" => StoredType.Float64,
        "F16" => StoredType.Float16,
        "BF16" => StoredType.BFloat16,
        "I64" => StoredType.Int64,
        "I32" => StoredType.Int32,
        "I16" => StoredType.Int16,
        "I8" => StoredType.Int8,
        "U8" => StoredType.UInt8,
        "BOOL" => StoredType.Bool,
        _ => throw new FormatException($"tensor '{name}': field 'dtype' is {dtype}, which Hark cannot read (F32, F64, F16, BF16, I64, I32, I16, I8, U8, BOOL)"),
    };
}
