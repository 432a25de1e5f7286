using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Text;
using Hark.Training.Runs;

namespace Hark.Serving.Similarity;

/// <summary>One clip of an index: its path relative to the indexed folder ('/'-separated), the SHA-256 of its bytes and its unit-length embedding.</summary>
public sealed record IndexEntry(string Path, byte[] ContentHash, float[] Embedding);

/// <summary>A clip of the index near a query, with the cosine similarity of their embeddings.</summary>
public sealed record Neighbour(string Path, float Similarity);

/// <summary>
/// Embeddings of a library of clips, all made by one trained model, searched by cosine similarity.
/// <para>File format (<c>.idx</c>, version 1, every number little-endian; a string is a u32 byte count then UTF-8):</para>
/// <code>
/// magic        8 bytes  "HARKIDX\0"
/// version      u32      1
/// dimensions   u32      embedding size D
/// count        u32      number of entries N
/// run          string   absolute path of the run directory whose model made the embeddings
/// model_id     string   SHA-256 (hex) of that run's model.safetensors, so a retrained model is detected
/// N entries, sorted by path (ordinal):
///   path       string   relative to the indexed folder, '/'-separated
///   sha256     32 bytes SHA-256 of the clip's file bytes (incremental re-indexing skips unchanged clips)
///   embedding  D x f32  L2-normalised (unit length; all zeros only when the model's embedding was all zeros)
/// </code>
/// Files are written atomically (temporary file, then rename), so a reader never sees a torn index.
/// </summary>
public sealed class EmbeddingIndex
{
    public const int FormatVersion = 1;
    private static readonly byte[] magic = "HARKIDX\0"u8.ToArray();
    private readonly float[] matrix;

    public EmbeddingIndex(string runPath, string modelId, int dimensions, IEnumerable<IndexEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(runPath);
        ArgumentNullException.ThrowIfNull(modelId);
        if (dimensions < 1) throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "EmbeddingIndex: dimensions must be at least 1");
        RunPath = runPath;
        ModelId = modelId;
        Dimensions = dimensions;
        Entries = entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        matrix = new float[(long)Entries.Count * dimensions];
        for (int i = 0; i < Entries.Count; i++)
        {
            var entry = Entries[i];
            if (entry.Embedding.Length != dimensions)
                throw new ArgumentException($"EmbeddingIndex: entry '{entry.Path}' has {entry.Embedding.Length} dimensions, expected {dimensions}");
            if (entry.ContentHash.Length != 32)
                throw new ArgumentException($"EmbeddingIndex: entry '{entry.Path}' has a {entry.ContentHash.Length}-byte hash, expected 32 (SHA-256)");
            entry.Embedding.CopyTo(matrix, (long)i * dimensions);
        }
    }

    public string RunPath { get; }
    public string ModelId { get; }
    public int Dimensions { get; }
    public IReadOnlyList<IndexEntry> Entries { get; }

    /// <summary><paramref name="embedding"/> scaled to unit length (a copy; all zeros stays all zeros).</summary>
    public static float[] Normalize(ReadOnlySpan<float> embedding)
    {
        var unit = embedding.ToArray();
        float norm = TensorPrimitives.Norm(unit);
        if (norm > 0) TensorPrimitives.Divide(unit, norm, unit);
        return unit;
    }

    /// <summary>
    /// The <paramref name="k"/> entries most similar to <paramref name="query"/> (any length; it is normalised here), best
    /// first, ties by path; entries for which <paramref name="exclude"/> is true are skipped.
    /// </summary>
    public IReadOnlyList<Neighbour> Nearest(ReadOnlySpan<float> query, int k, Func<IndexEntry, bool>? exclude = null)
    {
        if (query.Length != Dimensions)
            throw new ArgumentException($"EmbeddingIndex.Nearest: query has {query.Length} dimensions, the index holds {Dimensions}");
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "EmbeddingIndex.Nearest: k must be at least 1");
        var unit = Normalize(query);
        var best = new PriorityQueue<int, (float Similarity, int Index)>(Comparer<(float Similarity, int Index)>.Create((a, b) =>
            a.Similarity != b.Similarity ? a.Similarity.CompareTo(b.Similarity) : b.Index.CompareTo(a.Index)));
        for (int i = 0; i < Entries.Count; i++)
        {
            if (exclude is not null && exclude(Entries[i])) continue;
            float similarity = TensorPrimitives.Dot(unit, matrix.AsSpan((int)((long)i * Dimensions), Dimensions));
            if (best.Count < k) best.Enqueue(i, (similarity, i));
            else if (best.TryPeek(out _, out var worst) && (similarity > worst.Similarity || (similarity == worst.Similarity && i < worst.Index)))
                best.EnqueueDequeue(i, (similarity, i));
        }
        var result = new List<Neighbour>(best.Count);
        while (best.TryDequeue(out int index, out var key)) result.Add(new Neighbour(Entries[index].Path, key.Similarity));
        result.Reverse();
        return result;
    }

    public void Write(string path) => AtomicFile.Write(path, temporary =>
    {
        using var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(magic);
        writer.Write((uint)FormatVersion);
        writer.Write((uint)Dimensions);
        writer.Write((uint)Entries.Count);
        WriteString(writer, RunPath);
        WriteString(writer, ModelId);
        var bytes = new byte[Dimensions * sizeof(float)];
        foreach (var entry in Entries)
        {
            WriteString(writer, entry.Path);
            writer.Write(entry.ContentHash);
            for (int d = 0; d < Dimensions; d++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(d * sizeof(float)), entry.Embedding[d]);
            writer.Write(bytes);
        }
    });

    public static EmbeddingIndex Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such index (build one with 'hark index RUN AUDIO_DIR --out {path}')", path);
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            var head = reader.ReadBytes(magic.Length);
            if (!head.AsSpan().SequenceEqual(magic)) throw new InvalidDataException($"{path}: not a Hark index (it does not start with \"HARKIDX\\0\")");
            uint version = reader.ReadUInt32();
            if (version != FormatVersion) throw new InvalidDataException($"{path}: index format version {version}; this Hark reads version {FormatVersion}");
            int dimensions = Checked(reader.ReadUInt32(), 1 << 20, path, "dimensions");
            int count = Checked(reader.ReadUInt32(), int.MaxValue / Math.Max(1, dimensions), path, "entry count");
            var runPath = ReadString(reader, path);
            var modelId = ReadString(reader, path);
            var entries = new List<IndexEntry>(Math.Min(count, 1 << 16));
            var bytes = new byte[dimensions * sizeof(float)];
            for (int i = 0; i < count; i++)
            {
                var entryPath = ReadString(reader, path);
                var hash = reader.ReadBytes(32);
                if (reader.Read(bytes, 0, bytes.Length) != bytes.Length || hash.Length != 32) throw new EndOfStreamException();
                var embedding = new float[dimensions];
                for (int d = 0; d < dimensions; d++) embedding[d] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(d * sizeof(float)));
                entries.Add(new IndexEntry(entryPath, hash, embedding));
            }
            return new EmbeddingIndex(runPath, modelId, dimensions, entries);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: truncated index (ends at byte {stream.Position} of {stream.Length})");
        }
    }

    private static int Checked(uint value, int max, string path, string what) =>
        value >= 1 && value <= max || (what == "entry count" && value == 0)
            ? (int)value
            : throw new InvalidDataException($"{path}: index header has {what} {value}, expected 1..{max}");

    private static void WriteString(BinaryWriter writer, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        writer.Write((uint)bytes.Length);
        writer.Write(bytes);
    }

    private static string ReadString(BinaryReader reader, string path)
    {
        uint length = reader.ReadUInt32();
        if (length > 1 << 16) throw new InvalidDataException($"{path}: a string of {length} bytes at byte {reader.BaseStream.Position - 4}; the format allows 65536");
        var bytes = reader.ReadBytes((int)length);
        if (bytes.Length != length) throw new EndOfStreamException();
        return Encoding.UTF8.GetString(bytes);
    }
}
