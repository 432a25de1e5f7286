using System.Buffers.Binary;
using System.IO.Compression;
using Hark.Tensors;

namespace Hark.Nn.Checkpoints;

/// <summary>
/// Imports a state dict saved by torch.save (the zip format of PyTorch >= 1.6: <c>&lt;name&gt;/data.pkl</c> plus one
/// raw little-endian file per storage under <c>&lt;name&gt;/data/</c>). The pickle is read by
/// <see cref="RestrictedUnpickler"/>, which executes nothing and refuses unknown globals. Every dtype is converted
/// to float32, so integer buffers such as num_batches_tracked load as exact small integers.
/// </summary>
public static class PyTorchCheckpoint
{
    private sealed record StorageRef(string Key, string Type, long Numel);

    /// <summary>
    /// The tensors of <paramref name="path"/> by key, in file order. The top-level object must be a state dict, or a
    /// dict holding one under "state_dict", "model_state_dict" or "model" (common training checkpoints).
    /// </summary>
    public static OrderedDictionary<string, Tensor> LoadStateDict(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"PyTorchCheckpoint: file not found: {path}", path);
        ZipArchive archive;
        try { archive = ZipFile.OpenRead(path); }
        catch (InvalidDataException e)
        {
            throw new FormatException($"{path}: not a zip-format PyTorch checkpoint (files from torch < 1.6 or torch.save(..., _use_new_zipfile_serialization=False) are not supported): {e.Message}", e);
        }
        using (archive)
        {
            var pickleEntry = archive.Entries.FirstOrDefault(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1)
                ?? throw new FormatException($"{path}: the zip archive holds no <name>/data.pkl, so it is not a torch.save file");
            string root = pickleEntry.FullName[..^"data.pkl".Length];
            var storages = new Dictionary<string, float[]>();
            var unpickler = new RestrictedUnpickler(ReadAll(pickleEntry), path)
            {
                PersistentLoad = id => ResolveStorage(id, path),
                Reduce = (global, args) => Rebuild(global, args, archive, root, storages, path),
            };
            var top = unpickler.Load();
            return ToStateDict(top, path);
        }
    }

    private static OrderedDictionary<string, Tensor> ToStateDict(object? top, string path)
    {
        if (top is not PickleDict dict) throw new FormatException($"{path}: the saved object is not a dict, so it is not a state dict");
        if (dict.Items.Values.Any(v => v is Tensor))
        {
            var state = new OrderedDictionary<string, Tensor>();
            foreach (var (key, value) in dict.Items)
                state.Add(key as string ?? throw new FormatException($"{path}: state-dict key {key} is not a string"),
                    value as Tensor ?? throw new FormatException($"{path}: state-dict entry '{key}' is not a tensor"));
            return state;
        }
        foreach (var name in new[] { "state_dict", "model_state_dict", "model" })
            if (dict.Items.TryGetValue(name, out var inner) && inner is PickleDict) return ToStateDict(inner, path);
        throw new FormatException($"{path}: found a dict with keys [{string.Join(", ", dict.Items.Keys)}] but no tensors and no state_dict/model_state_dict/model entry");
    }

    private static object ResolveStorage(object? id, string path)
    {
        if (id is object?[] { Length: 5 } tuple && tuple[0] is "storage" && tuple[1] is PickleGlobal type && tuple[2] is string key && tuple[4] is long numel)
            return new StorageRef(key, type.Name, numel);
        throw new FormatException($"{path}: persistent id {id} is not a ('storage', type, key, location, numel) tuple");
    }

    private static object? Rebuild(PickleGlobal global, object?[] args, ZipArchive archive, string root, Dictionary<string, float[]> storages, string path)
    {
        switch (global.ToString())
        {
            case "collections.OrderedDict":
                if (args.Length != 0) throw new FormatException($"{path}: OrderedDict built with arguments; only empty construction is supported");
                return new PickleDict();
            case "torch._utils._rebuild_parameter":
                return args.Length >= 1 && args[0] is Tensor parameter ? parameter
                    : throw new FormatException($"{path}: _rebuild_parameter without a tensor argument");
            case "torch._utils._rebuild_tensor_v2":
                if (args.Length < 4 || args[0] is not StorageRef storage || args[1] is not long offset
                    || args[2] is not object?[] size || args[3] is not object?[] stride)
                    throw new FormatException($"{path}: _rebuild_tensor_v2 expects (storage, offset, size, stride, ...)");
                if (!storages.TryGetValue(storage.Key, out var values))
                    storages[storage.Key] = values = ReadStorage(archive, root, storage, path);
                return Gather(values, offset, size.Select(s => (long)s!).ToArray(), stride.Select(s => (long)s!).ToArray(), path);
            default:
                throw new FormatException($"{path}: global {global} cannot be called");
        }
    }

    private static Tensor Gather(float[] storage, long offset, long[] size, long[] stride, string path)
    {
        if (size.Length != stride.Length) throw new FormatException($"{path}: tensor with {size.Length} sizes but {stride.Length} strides");
        var shape = size.Select(s => checked((int)s)).ToArray();
        var values = new float[checked((int)size.Aggregate(1L, (a, b) => a * b))];
        var index = new int[shape.Length];
        for (int i = 0; i < values.Length; i++)
        {
            long at = offset;
            for (int d = 0; d < shape.Length; d++) at += index[d] * stride[d];
            if (at < 0 || at >= storage.Length) throw new FormatException($"{path}: tensor {ShapeException.Format(shape)} reads element {at} of a storage of {storage.Length}");
            values[i] = storage[at];
            for (int d = shape.Length - 1; d >= 0 && ++index[d] == shape[d]; d--) index[d] = 0;
        }
        return new Tensor(new CpuStorage(values), shape);
    }

    private static float[] ReadStorage(ZipArchive archive, string root, StorageRef storage, string path)
    {
        var entry = archive.GetEntry(root + "data/" + storage.Key)
            ?? throw new FormatException($"{path}: storage {storage.Key} ({storage.Type}) is missing from the archive");
        var bytes = ReadAll(entry);
        int width = storage.Type switch
        {
            "FloatStorage" or "IntStorage" => 4,
            "DoubleStorage" or "LongStorage" => 8,
            "HalfStorage" or "BFloat16Storage" or "ShortStorage" => 2,
            "CharStorage" or "ByteStorage" or "BoolStorage" => 1,
            _ => throw new FormatException($"{path}: storage type {storage.Type} is not supported"),
        };
        if (bytes.Length != storage.Numel * width)
            throw new FormatException($"{path}: storage {storage.Key} ({storage.Type}) has {bytes.Length} bytes, expected {storage.Numel} x {width}");
        var values = new float[storage.Numel];
        var raw = bytes.AsSpan();
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = storage.Type switch
            {
                "FloatStorage" => BinaryPrimitives.ReadSingleLittleEndian(raw[(4 * i)..]),
                "DoubleStorage" => (float)BinaryPrimitives.ReadDoubleLittleEndian(raw[(8 * i)..]),
                "HalfStorage" => (float)BinaryPrimitives.ReadHalfLittleEndian(raw[(2 * i)..]),
                "BFloat16Storage" => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(raw[(2 * i)..]) << 16),
                "LongStorage" => BinaryPrimitives.ReadInt64LittleEndian(raw[(8 * i)..]),
                "IntStorage" => BinaryPrimitives.ReadInt32LittleEndian(raw[(4 * i)..]),
                "ShortStorage" => BinaryPrimitives.ReadInt16LittleEndian(raw[(2 * i)..]),
                "CharStorage" => (sbyte)raw[i],
                _ => raw[i],
            };
        }
        return values;
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream((int)entry.Length);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
