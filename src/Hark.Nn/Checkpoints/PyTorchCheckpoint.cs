using Hark.Tensors.Backends;
using System.IO.Compression;
using System.Numerics;
using Hark.Tensors;
using Hark.Tensors.Serialization;

namespace Hark.Nn.Checkpoints;

/// <summary>
/// Imports a state dict saved by torch.save, in either of its formats:
/// <list type="bullet">
/// <item>zip (PyTorch >= 1.6): <c>&lt;name&gt;/data.pkl</c> plus one raw little-endian entry per storage under
/// <c>&lt;name&gt;/data/</c>;</item>
/// <item>legacy (torch &lt; 1.6, or <c>_use_new_zipfile_serialization=False</c>): five pickles in a row (magic number,
/// protocol version, system info, the object, the storage keys), then each storage as an int64 element count and its
/// raw bytes.</item>
/// </list>
/// The pickle is read by <see cref="RestrictedUnpickler"/>, which executes nothing and refuses unknown globals. Tensors
/// are first described (storage, offset, shape, strides); every description is checked against its storage and every
/// storage against the bytes the file holds, and the total is charged to an <see cref="AllocationBudget"/>, before any
/// storage is read, straight from the file into the tensor that covers it. Every dtype is converted to float32, so
/// integer buffers such as num_batches_tracked load as exact small integers.
/// </summary>
public static class PyTorchCheckpoint
{
    private static readonly BigInteger LegacyMagicNumber = BigInteger.Parse("119547037146038801333356");
    private const long LegacyProtocolVersion = 1001;

    private sealed record StorageRef(string Key, string TypeName, StoredType Type, long Numel);

    private sealed record TensorRef(StorageRef Storage, long Offset, long[] Size, long[] Stride);

    private delegate void StorageReader(StorageRef storage, Span<float> destination);

    /// <summary>
    /// The tensors of <paramref name="path"/> by key, in file order. The top-level object must be a state dict, or a
    /// dict holding one under "state_dict", "model_state_dict" or "model" (training checkpoints such as PANNs'
    /// <c>{'iteration', 'model', 'sampler'}</c>, whose numpy values are skipped).
    /// </summary>
    public static OrderedDictionary<string, Tensor> LoadStateDict(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"PyTorchCheckpoint: file not found: {path}", path);
        return CheckpointFormat.Detect(path, out var start) switch
        {
            CheckpointKind.TorchZip => LoadZip(path),
            CheckpointKind.TorchLegacy => LoadLegacy(path),
            _ => throw new FormatException($"{path}: not a torch.save file: tried the zip format of torch >= 1.6 and the legacy pickle format of torch < 1.6; {start}"),
        };
    }

    private static OrderedDictionary<string, Tensor> LoadZip(string path)
    {
        try { return LoadZipArchive(path); }
        catch (InvalidDataException e) { throw new FormatException($"{path}: a damaged zip archive, so not a readable torch.save file: {e.Message}", e); }
    }

    private static OrderedDictionary<string, Tensor> LoadZipArchive(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        long fileLength = stream.Length;
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Read))
        {
            var pickleEntry = archive.Entries.FirstOrDefault(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1)
                ?? throw new FormatException($"{path}: the zip archive holds no <name>/data.pkl, so it is not a torch.save file");
            string root = pickleEntry.FullName[..^"data.pkl".Length];
            var budget = new AllocationBudget(path, fileLength);
            CheckEntry(pickleEntry, fileLength, path);
            budget.Charge(pickleEntry.Length, $"entry {pickleEntry.FullName}");
            var byteOrder = archive.GetEntry(root + "byteorder");
            if (byteOrder is not null && ReadSmallText(byteOrder) != "little")
                throw new FormatException($"{path}: storages are big-endian ({root}byteorder); Hark reads little-endian checkpoints");
            object? top;
            using (var pickle = pickleEntry.Open())
                top = new RestrictedUnpickler(pickle, path, pickleEntry.Length)
                {
                    PersistentLoad = id => ParseStorage(id, path),
                    Reduce = (global, args) => Rebuild(global, args, path),
                }.Load();
            var tensors = FindStateDict(top, path);
            var entries = new Dictionary<string, ZipArchiveEntry>();
            foreach (var storage in DistinctStorages(tensors))
            {
                var entry = archive.GetEntry(root + "data/" + storage.Key)
                    ?? throw new FormatException($"{path}: storage {storage.Key} ({storage.TypeName}) is missing from the archive");
                CheckEntry(entry, fileLength, path);
                if (entry.Length != storage.Numel * StoredElements.Width(storage.Type))
                    throw new FormatException($"{path}: storage {storage.Key} ({storage.TypeName}) declares {storage.Numel:N0} elements of {StoredElements.Width(storage.Type)} bytes but its entry holds {entry.Length:N0} bytes");
                entries[storage.Key] = entry;
            }
            return Materialize(tensors, budget, path, (storage, destination) =>
            {
                using var data = entries[storage.Key].Open();
                StoredElements.Read(data, storage.Type, destination);
                if (data.ReadByte() >= 0) throw new FormatException($"storage {storage.Key} holds more bytes than its entry declares");
            });
        }
    }

    // A stored entry cannot be longer than the file; a deflated one cannot expand more than deflate's 1032:1
    private static void CheckEntry(ZipArchiveEntry entry, long fileLength, string path)
    {
        if (entry.CompressedLength > fileLength || entry.Length > Math.Max(entry.CompressedLength, 1) * 1032)
            throw new FormatException($"{path}: zip entry {entry.FullName} claims {entry.Length:N0} bytes from {entry.CompressedLength:N0} compressed in a {fileLength:N0}-byte file");
    }

    private static string ReadSmallText(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var buffer = new byte[16];
        int length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, length).Trim();
    }

    private static OrderedDictionary<string, Tensor> LoadLegacy(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        long fileLength = stream.Length;
        var budget = new AllocationBudget(path, fileLength);
        var storages = new Dictionary<string, StorageRef>();
        var unpickler = new RestrictedUnpickler(stream, path, fileLength)
        {
            PersistentLoad = id =>
            {
                var storage = ParseStorage(id, path);
                storages.TryAdd(storage.Key, storage);
                return storage;
            },
            Reduce = (global, args) => Rebuild(global, args, path),
        };
        if (unpickler.Load() is not BigInteger magic || magic != LegacyMagicNumber)
            throw new FormatException($"{path}: a pickle without torch's magic number, so not a torch.save file (tried the zip format of torch >= 1.6 and the legacy format of torch < 1.6)");
        if (unpickler.Load() is not LegacyProtocolVersion)
            throw new FormatException($"{path}: legacy torch.save protocol version is not {LegacyProtocolVersion}");
        if (unpickler.Load() is PickleDict systemInfo && systemInfo.Items.TryGetValue("little_endian", out var little) && little is false)
            throw new FormatException($"{path}: written on a big-endian machine; Hark reads little-endian checkpoints");
        var tensors = FindStateDict(unpickler.Load(), path);
        if (unpickler.Load() is not List<object?> keys || keys.Any(k => k is not string))
            throw new FormatException($"{path}: the legacy storage-key list is missing after the saved object");
        budget.Charge(unpickler.Consumed, "the pickles");

        // The storages follow the key list in its order, each an int64 element count then the bytes; their places
        // are found and checked (8 bytes read per storage) before anything is allocated
        var places = new Dictionary<string, long>();
        long offset = unpickler.Consumed;
        Span<byte> count = stackalloc byte[8];
        using var file = File.OpenHandle(path);
        foreach (string key in keys.Cast<string>())
        {
            if (!storages.TryGetValue(key, out var storage)) throw new FormatException($"{path}: storage key {key} lists a storage no tensor uses");
            if (offset > fileLength - 8 || RandomAccess.Read(file, count, offset) != 8)
                throw new FormatException($"{path}: truncated: storage {key} ({storage.TypeName}) should start at byte {offset:N0} of {fileLength:N0}");
            long numel = BitConverter.ToInt64(count);
            if (numel != storage.Numel)
                throw new FormatException($"{path}: storage {key} ({storage.TypeName}) declares {storage.Numel:N0} elements in the pickle and {numel:N0} in the data");
            int width = StoredElements.Width(storage.Type);
            if (numel > (fileLength - offset - 8) / width)
                throw new FormatException($"{path}: truncated: storage {key} ({storage.TypeName}) needs {numel:N0} x {width} bytes at byte {offset + 8:N0}, the file has {fileLength - offset - 8:N0} more");
            long bytes = numel * width;
            places[key] = offset + 8;
            offset += 8 + bytes;
        }
        return Materialize(tensors, budget, path, (storage, destination) =>
        {
            if (!places.TryGetValue(storage.Key, out var at)) throw new FormatException($"storage {storage.Key} is not in the legacy storage-key list");
            StoredElements.Read(file, at, storage.Type, destination);
        });
    }

    private static OrderedDictionary<string, TensorRef> FindStateDict(object? top, string path)
    {
        const int MaxNesting = 4;
        var current = top;
        for (int depth = 0; depth < MaxNesting; depth++)
        {
            if (current is not PickleDict dict) throw new FormatException($"{path}: the saved object is not a dict, so it is not a state dict");
            if (dict.Items.Values.Any(v => v is TensorRef))
            {
                var state = new OrderedDictionary<string, TensorRef>();
                foreach (var (key, value) in dict.Items)
                    state.Add(key as string ?? throw new FormatException($"{path}: state-dict key {key} is not a string"),
                        value as TensorRef ?? throw new FormatException($"{path}: state-dict entry '{key}' is not a tensor"));
                return state;
            }
            current = new[] { "state_dict", "model_state_dict", "model" }.Select(name => dict.Items.GetValueOrDefault(name)).FirstOrDefault(v => v is PickleDict)
                ?? throw new FormatException($"{path}: found a dict with keys [{string.Join(", ", dict.Items.Keys)}] but no tensors and no state_dict/model_state_dict/model entry");
        }
        throw new FormatException($"{path}: state dicts nested more than {MaxNesting} levels deep under state_dict/model_state_dict/model");
    }

    private static StorageRef ParseStorage(object? id, string path)
    {
        // zip: ('storage', type, key, location, numel); legacy adds a view (None unless saved by torch < 0.4)
        if (id is not object?[] { Length: 5 or 6 } tuple || tuple[0] is not "storage" || tuple[1] is not PickleGlobal type
            || tuple[2] is not string key || tuple[4] is not long numel || (tuple.Length == 6 && tuple[5] is not null))
            throw new FormatException($"{path}: persistent id {Describe(id)} is not a ('storage', type, key, location, numel) tuple");
        if (numel < 0) throw new FormatException($"{path}: storage {key} declares {numel} elements");
        return new StorageRef(key, type.Name, ParseStorageType(type, path), numel);
    }

    private static StoredType ParseStorageType(PickleGlobal type, string path) => type.Name switch
    {
        "FloatStorage" => StoredType.Float32,
        "DoubleStorage" => StoredType.Float64,
        "HalfStorage" => StoredType.Float16,
        "BFloat16Storage" => StoredType.BFloat16,
        "LongStorage" => StoredType.Int64,
        "IntStorage" => StoredType.Int32,
        "ShortStorage" => StoredType.Int16,
        "CharStorage" => StoredType.Int8,
        "ByteStorage" => StoredType.UInt8,
        "BoolStorage" => StoredType.Bool,
        _ => throw new FormatException($"{path}: storage type {type} is not supported"),
    };

    // One level deep and each item cut short: a crafted id may nest tuples a million deep or hold a long string
    private static string Describe(object? value) => value is object?[] tuple
        ? $"({string.Join(", ", tuple.Take(8).Select(item => item is object?[] ? "(...)" : Shorten(item?.ToString() ?? "None")))}{(tuple.Length > 8 ? ", ..." : "")})"
        : Shorten(value?.ToString() ?? "None");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static object? Rebuild(PickleGlobal global, object?[] args, string path)
    {
        switch (global.ToString())
        {
            case "collections.OrderedDict":
                if (args.Length != 0) throw new FormatException($"{path}: OrderedDict built with arguments; only empty construction is supported");
                return new PickleDict();
            case "torch._utils._rebuild_parameter":
                return args.Length >= 1 && args[0] is TensorRef parameter ? parameter
                    : throw new FormatException($"{path}: _rebuild_parameter without a tensor argument");
            case "torch._utils._rebuild_tensor_v2":
                if (args.Length < 4 || args[0] is not StorageRef storage || args[1] is not long offset
                    || args[2] is not object?[] size || args[3] is not object?[] stride
                    || size.Any(s => s is not long) || stride.Any(s => s is not long))
                    throw new FormatException($"{path}: _rebuild_tensor_v2 expects (storage, offset, size, stride, ...) with integer offset, sizes and strides");
                return new TensorRef(storage, offset, size.Cast<long>().ToArray(), stride.Cast<long>().ToArray());
            default:
                throw new FormatException($"{path}: global {global} cannot be called");
        }
    }

    // Checks every tensor against its storage and charges the budget before reading: a storage covered exactly by
    // one contiguous tensor is read into that tensor's own array; other tensors are gathered from their storage
    private static OrderedDictionary<string, Tensor> Materialize(OrderedDictionary<string, TensorRef> tensors, AllocationBudget budget, string path, StorageReader read)
    {
        var shapes = new Dictionary<string, int[]>();
        var owner = new Dictionary<string, string>();
        foreach (var (key, tensor) in tensors)
        {
            shapes[key] = CheckView(key, tensor, path);
            if (IsWholeStorage(tensor)) owner.TryAdd(tensor.Storage.Key, key);
        }
        foreach (var storage in DistinctStorages(tensors))
        {
            if (storage.Numel > Array.MaxLength)
                throw new FormatException($"{path}: storage {storage.Key} ({storage.TypeName}) holds {storage.Numel:N0} elements; Hark reads storages of at most {Array.MaxLength:N0}");
            budget.Charge(storage.Numel * sizeof(float), $"storage {storage.Key} ({storage.Numel:N0} x {storage.TypeName})");
        }
        foreach (var (key, tensor) in tensors)
            if (owner.GetValueOrDefault(tensor.Storage.Key) != key)
                budget.Charge(Numel(shapes[key]) * sizeof(float), $"tensor '{key}' {ShapeException.Format(shapes[key])}");

        var values = new Dictionary<string, float[]>();
        var result = new OrderedDictionary<string, Tensor>();
        foreach (var (key, tensor) in tensors)
        {
            var storage = tensor.Storage;
            if (!values.TryGetValue(storage.Key, out var data))
            {
                values[storage.Key] = data = GC.AllocateUninitializedArray<float>((int)storage.Numel);
                try { read(storage, data); }
                catch (FormatException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal)) { throw new FormatException($"{path}: {e.Message}", e); }
            }
            var shape = shapes[key];
            result.Add(key, new Tensor(new CpuStorage(owner.GetValueOrDefault(storage.Key) == key ? data : Gather(data, tensor, shape)), shape));
        }
        return result;
    }

    private static IEnumerable<StorageRef> DistinctStorages(OrderedDictionary<string, TensorRef> tensors) =>
        tensors.Values.Select(t => t.Storage).DistinctBy(s => s.Key);

    // The shape of a view whose every element lies inside its storage, computed without overflow
    private static int[] CheckView(string key, TensorRef tensor, string path)
    {
        var (size, stride) = (tensor.Size, tensor.Stride);
        string described = $"tensor '{key}' (size [{string.Join(", ", size)}], stride [{string.Join(", ", stride)}], offset {tensor.Offset})";
        if (size.Length != stride.Length) throw new FormatException($"{path}: {described} has {size.Length} sizes but {stride.Length} strides");
        if (tensor.Offset < 0 || size.Any(s => s < 0) || stride.Any(s => s < 0))
            throw new FormatException($"{path}: {described} has a negative size, stride or offset");
        Int128 count = 1, last = tensor.Offset;
        foreach (var (s, st) in size.Zip(stride))
        {
            count *= s;
            if (count > Array.MaxLength) throw new FormatException($"{path}: {described} holds more than {Array.MaxLength:N0} elements, the most a Hark tensor holds");
            if (s > 0) last += (Int128)(s - 1) * st;
        }
        if (count > 0 && last >= tensor.Storage.Numel)
            throw new FormatException($"{path}: {described} reads element {last} of storage {tensor.Storage.Key}, which holds {tensor.Storage.Numel:N0}");
        return size.Select(s => (int)s).ToArray();
    }

    private static bool IsWholeStorage(TensorRef tensor)
    {
        long expected = 1;
        for (int d = tensor.Size.Length - 1; d >= 0; d--)
        {
            if (tensor.Size[d] != 1 && tensor.Stride[d] != expected) return false;
            expected *= tensor.Size[d];
        }
        return tensor.Offset == 0 && expected == tensor.Storage.Numel;
    }

    private static long Numel(int[] shape) => shape.Aggregate(1L, (a, b) => a * b);

    private static float[] Gather(float[] storage, TensorRef tensor, int[] shape)
    {
        var values = new float[Numel(shape)];
        var index = new int[shape.Length];
        for (int i = 0; i < values.Length; i++)
        {
            long at = tensor.Offset;
            for (int d = 0; d < shape.Length; d++) at += index[d] * tensor.Stride[d];
            values[i] = storage[at];
            for (int d = shape.Length - 1; d >= 0 && ++index[d] == shape[d]; d--) index[d] = 0;
        }
        return values;
    }
}
