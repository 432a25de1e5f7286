using Hark.Audio;
using System.Buffers;
using System.Security.Cryptography;
using Hark.Audio.Cropping;
using Hark.Audio.FrontEnds;
using Hark.Tensors;
using Hark.Tensors.Serialization;

namespace Hark.Features.Caching;

/// <summary>
/// On-disk feature cache: one numpy-readable .npy file per clip at
/// <c>&lt;root&gt;/&lt;front-end parameter hash&gt;/&lt;SHA-256 of the file's bytes&gt;.npy</c>, so an entry is reused across runs
/// and by every file with the same content, and is never used after either the audio or any front-end parameter changes.
/// Entries are written to a unique temporary file and renamed into place, so two processes filling the same cache at once
/// each see either no entry or a complete one. Each parameter folder holds the front end's config as frontend.json.
/// Only deterministic front ends are cached: a random-crop length policy is refused. The root also holds a
/// <see cref="ContentHashIndex"/>, so files unchanged since an earlier run are found by their stamp without being re-hashed.
/// </summary>
public sealed class FeatureCache
{
    public FeatureCache(string root, FrontEnd frontEnd) : this(root, frontEnd, null)
    {
    }

    /// <summary>A cache whose <see cref="ContentHashIndex"/> uses <paramref name="racyWindow"/> (see <see cref="ContentHashIndex.DefaultRacyWindow"/>).</summary>
    public FeatureCache(string root, FrontEnd frontEnd, TimeSpan? racyWindow)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (frontEnd.Config.Length?.Crop == CropPosition.Random)
            throw new ArgumentException($"FeatureCache: front end '{frontEnd.Config.Name}' crops at random; caching would freeze one crop per file. Cache without the random crop and crop the features instead.");
        FrontEnd = frontEnd;
        ReadOptions = frontEnd.ReadOptions();
        _workingDirectory = Environment.CurrentDirectory;
        Index = new ContentHashIndex(root, racyWindow);
        Directory = Path.Combine(Path.GetFullPath(root), frontEnd.ParameterHash);
        System.IO.Directory.CreateDirectory(Directory);
        var configPath = Path.Combine(Directory, "frontend.json");
        if (!File.Exists(configPath)) WriteAtomically(configPath, frontEnd.Config.ToJson());
    }

    public FrontEnd FrontEnd { get; }

    /// <summary>
    /// How a missed clip is decoded: by default <see cref="FrontEnd.ReadOptions"/> (only the frames its features depend
    /// on, so the features are those of the whole clip); <c>FrontEnd.ReadOptions(seconds)</c> adds a duration limit.
    /// </summary>
    public AudioReadOptions ReadOptions { get; init; }

    /// <summary>The folder of this front end's entries.</summary>
    public string Directory { get; }

    /// <summary>Lower-case hex SHA-256 of <paramref name="fileBytes"/>.</summary>
    public static string ContentHash(ReadOnlySpan<byte> fileBytes) => Convert.ToHexStringLower(SHA256.HashData(fileBytes));

    public string EntryPath(string contentHash) => Path.Combine(Directory, contentHash + ".npy");

    private int _unreadHits;

    // Relative audio paths are resolved against the working directory when the cache was opened, once, rather than
    // asking the OS for it on every file.
    private readonly string _workingDirectory;

    /// <summary>Cache hits served without reading the audio file, because the <see cref="Index"/> knew its stamp.</summary>
    public int UnreadHits => Volatile.Read(ref _unreadHits);

    /// <summary>The memo of audio content hashes kept in the cache root and shared by every front end's folder.</summary>
    public ContentHashIndex Index { get; }

    /// <summary>
    /// The features of the audio file at <paramref name="path"/>: read from the cache when present, otherwise decoded,
    /// computed and stored. <paramref name="hit"/> says which. A file whose <see cref="FileStamp"/> the <see cref="Index"/>
    /// knows is not read at all when its entry exists; any other file is read and hashed. Call <see cref="SaveIndex"/>
    /// after a batch to keep the hashes learnt for the next run. Decoding errors are <see cref="AudioDecodeException"/>s naming the file.
    /// </summary>
    public Tensor GetOrCompute(string path, out bool hit) => Get(path, [], allocate: true, out hit)!;

    /// <summary>
    /// <see cref="GetOrCompute(string, out bool)"/> into <paramref name="destination"/>, which must hold exactly the clip's
    /// n_mels x frames values (an <see cref="ArgumentException"/> names both sizes otherwise). Nothing is allocated per clip:
    /// a batch that gathers features into one array (training) does not also create a tensor for each of them.
    /// </summary>
    public void GetOrCompute(string path, Span<float> destination, out bool hit) => Get(path, destination, allocate: false, out hit);

    // Returns the features as a new tensor when allocate is set, otherwise writes them into destination and returns null.
    private Tensor? Get(string path, Span<float> destination, bool allocate, out bool hit)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path, _workingDirectory);
        bool stamped = FileStamp.TryRead(fullPath, out var before);
        if (stamped && Index.TryGet(fullPath, before, out string knownHash) && TryLoad(EntryPath(knownHash), path, destination, allocate, out var known))
        {
            Interlocked.Increment(ref _unreadHits);
            hit = true;
            return known;
        }
        var hashingStarted = DateTime.UtcNow;
        // Audio, its samples and entries live in pooled buffers (see AudioFile.ReadAllBytesRented).
        var rented = AudioFile.ReadAllBytesRented(path, out int length);
        try
        {
            var bytes = rented.AsSpan(0, length);
            string hash = ContentHash(bytes);
            if (stamped && FileStamp.TryRead(fullPath, out var after)) Index.Record(fullPath, before, after, hash, hashingStarted);
            var entry = EntryPath(hash);
            if (TryLoad(entry, path, destination, allocate, out var cached))
            {
                hit = true;
                return cached;
            }
            hit = false;
            using var mono = AudioFile.DecodeMonoRented(bytes, path, ReadOptions);
            int[] shape = [FrontEnd.NMels, FrontEnd.FrameCount(mono.Samples.Length, mono.SampleRate)];
            var features = allocate ? NewTensor(shape) : null;
            var values = features is null ? destination : features.Span;
            if (values.Length != shape[0] * shape[1])
                throw new ArgumentException($"{path}: features are [{shape[0]}, {shape[1]}] = {shape[0] * shape[1]} values; the destination holds {values.Length}");
            FrontEnd.Apply(mono.Samples, mono.SampleRate, values);
            Npy.Save(entry, values, shape);
            return features;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Saves the content hashes learnt since the cache was opened (see <see cref="ContentHashIndex.Save"/>).</summary>
    public void SaveIndex() => Index.Save();

    // Entries of a few seconds of 64-mel features are tens of KB; larger ones grow the buffer.
    private const int EntrySizeHint = 1 << 17;

    // Reads a cached entry into a new tensor or into destination; false when there is none or it is damaged (unreadable, or
    // holding a NaN or an infinity).
    private static bool TryLoad(string entry, string audioPath, Span<float> destination, bool allocate, out Tensor? features)
    {
        features = null;
        byte[] rented;
        int length;
        try
        {
            rented = PosixFile.TryReadAll(entry, EntrySizeHint, out length) ?? AudioFile.ReadAllBytesRented(entry, out length);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        try
        {
            var bytes = rented.AsSpan(0, length);
            int[] shape;
            ReadOnlySpan<float> values;
            // Entries this cache wrote are viewed in place; anything else goes through the general reader, which names the problem.
            if (Npy.TryViewMatrix(bytes, out int rows, out int columns, out values)) shape = [rows, columns];
            else values = Npy.Read(bytes, out shape);
            // An entry holding NaN or Inf (written before features were checked) is recomputed, which names the problem.
            if (DecodedAudioChecks.IndexOfNonFinite(values) >= 0) return false;
            if (allocate)
            {
                features = NewTensor(shape);
                values.CopyTo(features.Span);
            }
            else if (values.Length != destination.Length)
                throw new ArgumentException($"{audioPath}: cached features ({entry}) have shape [{string.Join(", ", shape)}], {values.Length} values; the destination holds {destination.Length}");
            else values.CopyTo(destination);
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

    // A plain array, not pooled tensor storage: the caller keeps the features.
    private static Tensor NewTensor(int[] shape) => Tensor.FromArray(GC.AllocateUninitializedArray<float>(shape.Aggregate(1, (a, b) => a * b)), shape);

    private static void WriteAtomically(string path, string text)
    {
        var temporary = $"{path}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
