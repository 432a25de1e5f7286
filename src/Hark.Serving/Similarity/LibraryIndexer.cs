using System.Security.Cryptography;
using Hark.Audio;
using Hark.Data;
using Hark.Data.Sources;
using Hark.Features.Examples;
using Hark.Features.Extraction;
using Hark.Inference;

namespace Hark.Serving.Similarity;

/// <summary>What one <c>hark index</c> run did.</summary>
public sealed record IndexSummary(EmbeddingIndex Index, int Added, int Updated, int Kept, int Removed, IReadOnlyList<string> Failed);

/// <summary>
/// <c>hark index RUN INPUT --out library.idx</c>: embeds every audio file of a folder, CSV or single file with a run's model. When the
/// output exists and was made by the same weights, only new or changed files (by SHA-256 of their bytes) are embedded;
/// entries of files that are gone are dropped. Unreadable files are reported and left out, not fatal.
/// </summary>
public static class LibraryIndexer
{
    /// <summary>File endings indexed (the decoder itself looks at the bytes, not the name): the audio ones every input reader takes.</summary>
    public static IReadOnlyList<string> AudioExtensions { get; } = [.. ClassFolderSource.Extensions.Where(e => e != ".npy")];

    private const int ChunkSize = 128;

    /// <summary>
    /// Indexes <paramref name="input"/>: a folder (flat or nested), a CSV or one audio file, read as <see cref="InputSource"/>
    /// reads them. <paramref name="progress"/>, when given, is told after each batch of clips (unchanged clips count as
    /// cache hits).
    /// </summary>
    public static IndexSummary Build(Predictor predictor, string input, string outPath, Action<string> report, IProgress<ExtractionProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        var dataset = InputSource.Open(input, new DataSourceOptions { OnProblem = ProblemPolicy.SkipAndReport }, wantLabels: false);
        foreach (var problem in dataset.Problems) report($"skipped {problem}");
        var root = Directory.Exists(input) ? Path.GetFullPath(input) : Path.GetDirectoryName(Path.GetFullPath(input))!;
        var files = dataset.Items.Select(item => item.Path)
            .Where(f => AudioExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var modelId = ModelIdentity.Of(predictor);
        var previous = LoadPrevious(outPath, modelId, predictor.Model.EmbeddingSize, report);

        var hashes = new byte[files.Count][];
        Parallel.For(0, files.Count, i =>
        {
            using var stream = File.OpenRead(Path.Combine(root, files[i]));
            hashes[i] = SHA256.HashData(stream);
        });
        var entries = new List<IndexEntry>();
        var pending = new List<int>();
        for (int i = 0; i < files.Count; i++)
        {
            if (previous.TryGetValue(files[i], out var old) && old.ContentHash.AsSpan().SequenceEqual(hashes[i])) entries.Add(old);
            else pending.Add(i);
        }
        int kept = entries.Count;
        int removed = previous.Keys.Except(files, StringComparer.Ordinal).Count();
        progress?.Report(new ExtractionProgress(kept, files.Count, 0, kept));

        var failed = new List<string>();
        int added = 0, updated = 0;
        for (int start = 0; start < pending.Count; start += ChunkSize)
        {
            var chunk = pending.Skip(start).Take(ChunkSize).ToList();
            var features = new FeatureSet?[chunk.Count];
            var problems = new string?[chunk.Count];
            Parallel.For(0, chunk.Count, j =>
            {
                var relative = files[chunk[j]];
                try { features[j] = predictor.ClipFeatures(AudioFile.Read(Path.Combine(root, relative))); }
                catch (Exception e) when (e is AudioDecodeException or IOException or ArgumentException) { problems[j] = $"{relative}: {e.Message}"; }
            });
            var good = Enumerable.Range(0, chunk.Count).Where(j => features[j] is not null).ToList();
            var embeddings = good.Count == 0 ? [] : predictor.EmbedClips(good.Select(j => features[j]!).ToList());
            for (int g = 0; g < good.Count; g++)
            {
                var relative = files[chunk[good[g]]];
                entries.Add(new IndexEntry(relative, hashes[chunk[good[g]]], EmbeddingIndex.Normalize(embeddings[g])));
                if (previous.ContainsKey(relative)) updated++;
                else added++;
            }
            foreach (var problem in problems.Where(p => p is not null))
            {
                report($"skipped {problem}");
                failed.Add(problem!);
            }
            progress?.Report(new ExtractionProgress(kept + Math.Min(start + ChunkSize, pending.Count), files.Count, failed.Count, kept));
        }
        var index = new EmbeddingIndex(predictor.Run.Path, modelId, predictor.Model.EmbeddingSize, entries);
        index.Write(outPath);
        return new IndexSummary(index, added, updated, kept, removed, failed);
    }

    private static Dictionary<string, IndexEntry> LoadPrevious(string outPath, string modelId, int dimensions, Action<string> report)
    {
        if (!File.Exists(outPath)) return [];
        var previous = EmbeddingIndex.Read(outPath);
        if (previous.ModelId != modelId || previous.Dimensions != dimensions)
        {
            report($"{outPath} was built with other weights (model {ModelIdentity.Short(previous.ModelId)}, {previous.Dimensions} dimensions); embedding every clip again");
            return [];
        }
        return previous.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
    }
}
