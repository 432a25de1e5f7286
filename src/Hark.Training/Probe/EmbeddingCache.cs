using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Hark.Features.Examples;
using Hark.Models;
using Hark.Tensors;
using Hark.Tensors.Autograd;
using Hark.Tensors.Serialization;

namespace Hark.Training.Probe;

/// <summary>
/// Embeddings of a feature set by a frozen body, computed once in evaluation mode and kept in the feature cache's
/// folder (<c>embeddings/HASH.npy</c>), addressed by content like features: the hash covers every body parameter and
/// buffer (the head's are left out, as the embedding does not read them) and every input value, so a changed
/// checkpoint, front end or clip gives a new entry and an unchanged one is read back instead of recomputed.
/// </summary>
public static class EmbeddingCache
{
    /// <summary>[examples][embedding] of <paramref name="examples"/>; <paramref name="cacheRoot"/> null computes without caching.</summary>
    public static float[][] Embed(AudioClassifier model, FeatureSet examples, string? cacheRoot, out bool fromCache, int batchSize = 32)
    {
        fromCache = false;
        string? path = cacheRoot is null ? null : Path.Combine(cacheRoot, "embeddings", Key(model, examples) + ".npy");
        if (path is not null && File.Exists(path))
        {
            var data = Npy.Read(File.ReadAllBytes(path), out var shape);
            if (shape.Length == 2 && shape[0] == examples.Count && shape[1] == model.EmbeddingSize)
            {
                fromCache = true;
                return Rows(data, shape[0], shape[1]);
            }
        }
        var rows = Compute(model, examples, batchSize);
        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var flat = rows.SelectMany(r => r).ToArray();
            var temporary = $"{path}.tmp-{Environment.ProcessId}";
            Npy.Save(temporary, flat, [rows.Length, model.EmbeddingSize]);
            File.Move(temporary, path, overwrite: true);
        }
        return rows;
    }

    private static float[][] Compute(AudioClassifier model, FeatureSet examples, int batchSize)
    {
        bool wasTraining = model.Training;
        model.Eval();
        try
        {
            using var _ = Graph.NoGrad();
            var rows = new float[examples.Count][];
            var order = Enumerable.Range(0, examples.Count).ToArray();
            for (int start = 0; start < examples.Count; start += batchSize)
            {
                int count = Math.Min(batchSize, examples.Count - start);
                var embedded = model.Embed(model.OnModelDevice(examples.Batch(order.AsSpan(start, count))));
                int width = embedded.Size(1);
                var span = embedded.ToArray().AsSpan();
                for (int b = 0; b < count; b++) rows[start + b] = span.Slice(b * width, width).ToArray();
            }
            return rows;
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    private static string Key(AudioClassifier model, FeatureSet examples)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(model.GetType().Name));
        foreach (var (name, tensor) in model.StateDict())
        {
            if (model.IsHeadParameter(name)) continue;
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name + ShapeException.Format(tensor.Shape)));
            hash.AppendData(MemoryMarshal.AsBytes(tensor.ToArray().AsSpan()));
        }
        foreach (var shape in examples.InputShapes) hash.AppendData(System.Text.Encoding.UTF8.GetBytes(ShapeException.Format(shape)));
        foreach (var input in examples.Inputs) hash.AppendData(MemoryMarshal.AsBytes(input.AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static float[][] Rows(float[] data, int count, int width) =>
        Enumerable.Range(0, count).Select(i => data.AsSpan(i * width, width).ToArray()).ToArray();
}
