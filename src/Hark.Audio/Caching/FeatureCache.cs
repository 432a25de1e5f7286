using System.Buffers;
using System.Security.Cryptography;
using Hark.Audio.Cropping;
using Hark.Audio.FrontEnds;
using Hark.Tensors;
using Hark.Tensors.Serialization;

namespace Hark.Audio.Caching;

/// <summary>
/// On-disk feature cache: one numpy-readable .npy file per clip at
/// <c>&lt;root&gt;/&lt;front-end parameter hash&gt;/&lt;SHA-256 of the file's bytes&gt;.npy</c>, so an entry is reused across runs
/// and by every file with the same content, and is never used after either the audio or any front-end parameter changes.
/// Entries are written to a unique temporary file and renamed into place, so two processes filling the same cache at once
/// each see either no entry or a complete one. Each parameter folder holds the front end's config as frontend.json.
/// Only deterministic front ends are cached: a random-crop length policy is refused.
/// </summary>
public sealed class FeatureCache
{
    public FeatureCache(string root, FrontEnd frontEnd)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (frontEnd.Config.Length?.Crop == CropPosition.Random)
            throw new ArgumentException($"FeatureCache: front end '{frontEnd.Config.Name}' crops at random; caching would freeze one crop per file. Cache without the random crop and crop the features instead.");
        FrontEnd = frontEnd;
        Directory = Path.Combine(Path.GetFullPath(root), frontEnd.ParameterHash);
        System.IO.Directory.CreateDirectory(Directory);
        var configPath = Path.Combine(Directory, "frontend.json");
        if (!File.Exists(configPath)) WriteAtomically(configPath, frontEnd.Config.ToJson());
    }

    public FrontEnd FrontEnd { get; }

    /// <summary>The folder of this front end's entries.</summary>
    public string Directory { get; }

    /// <summary>Lower-case hex SHA-256 of <paramref name="fileBytes"/>.</summary>
    public static string ContentHash(ReadOnlySpan<byte> fileBytes) => Convert.ToHexStringLower(SHA256.HashData(fileBytes));

    public string EntryPath(string contentHash) => Path.Combine(Directory, contentHash + ".npy");

    /// <summary>
    /// The features of the audio file at <paramref name="path"/>: read from the cache when present, otherwise decoded,
    /// computed and stored. <paramref name="hit"/> says which. Decoding errors are <see cref="AudioDecodeException"/>s naming the file.
    /// </summary>
    public Tensor GetOrCompute(string path, out bool hit)
    {
        // Audio and entries are read into pooled buffers: most clips are larger than the 85 KB large-object threshold,
        // and a warm cache run is otherwise dominated by allocating and collecting them.
        var rented = ReadPooled(path, out int length);
        try
        {
            var bytes = rented.AsSpan(0, length);
            var entry = EntryPath(ContentHash(bytes));
            if (TryLoad(entry, out var cached))
            {
                hit = true;
                return cached;
            }
            hit = false;
            var features = FrontEnd.Apply(AudioFile.Decode(bytes, path));
            Npy.Save(entry, features);
            return features;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static byte[] ReadPooled(string path, out int length)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        long size = RandomAccess.GetLength(handle);
        if (size > Array.MaxLength) throw new IOException($"{path}: {size} bytes is too large to read");
        var buffer = ArrayPool<byte>.Shared.Rent((int)size);
        length = 0;
        try
        {
            while (length < size)
            {
                int read = RandomAccess.Read(handle, buffer.AsSpan(length, (int)size - length), length);
                if (read == 0) break;
                length += read;
            }
            return buffer;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static bool TryLoad(string entry, out Tensor features)
    {
        features = null!;
        byte[] rented;
        int length;
        try
        {
            rented = ReadPooled(entry, out length);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        try
        {
            var data = Npy.Read(rented.AsSpan(0, length), out var shape);
            features = Tensor.FromArray(data, shape);
            return true;
        }
        catch (FormatException)
        {
            // A damaged entry (e.g. a disk that filled up) is recomputed and replaced rather than trusted.
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void WriteAtomically(string path, string text)
    {
        var temporary = $"{path}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
