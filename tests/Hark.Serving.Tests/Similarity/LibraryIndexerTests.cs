using Hark.Serving.Similarity;
using Hark.Inference;

namespace Hark.Serving.Tests.Similarity;

[Collection(ServedRunCollection.Name)]
public class LibraryIndexerTests(ServedRun served)
{
    private string CopyOfClips(int count)
    {
        var folder = Directory.CreateTempSubdirectory("hark-library-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        foreach (var (clip, i) in served.Run.Clips.Take(count).Select((c, i) => (c, i)))
            File.Copy(clip, Path.Combine(folder, i % 2 == 0 ? "" : "sub", Path.GetFileName(clip)));
        return folder;
    }

    [Fact]
    public void ReIndexingEmbedsOnlyNewOrChangedFilesAndDropsRemovedOnes()
    {
        var predictor = Predictor.Load(served.Run.RunPath);
        var folder = CopyOfClips(6);
        var output = Path.Combine(folder, "..", Path.GetFileName(folder) + ".idx");
        var first = LibraryIndexer.Build(predictor, folder, output, _ => { });
        Assert.Equal((6, 0, 0, 0), (first.Added, first.Updated, first.Kept, first.Removed));
        Assert.Contains(first.Index.Entries, e => e.Path.StartsWith("sub/"));
        foreach (var entry in first.Index.Entries)
            Assert.Equal(1.0, Math.Sqrt(entry.Embedding.Sum(v => (double)v * v)), 5);

        var again = LibraryIndexer.Build(predictor, folder, output, _ => { });
        Assert.Equal((0, 0, 6, 0), (again.Added, again.Updated, again.Kept, again.Removed));

        var files = Directory.GetFiles(folder, "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        File.Copy(served.Run.Clips[^1], Path.Combine(folder, "new.wav"));
        File.Copy(served.Run.Clips[^2], files[0], overwrite: true);
        File.Delete(files[1]);
        File.WriteAllText(Path.Combine(folder, "notes.wav"), "not audio");
        var messages = new List<string>();
        var third = LibraryIndexer.Build(predictor, folder, output, messages.Add);
        Assert.Equal((1, 1, 4, 1), (third.Added, third.Updated, third.Kept, third.Removed));
        Assert.Single(third.Failed);
        Assert.Contains(messages, m => m.StartsWith("skipped notes.wav"));
        Assert.Equal(6, EmbeddingIndex.Read(output).Entries.Count);

        var fresh = LibraryIndexer.Build(predictor, folder, output + ".fresh", _ => { });
        var incremental = EmbeddingIndex.Read(output);
        Assert.Equal(fresh.Index.Entries.Select(e => e.Path), incremental.Entries.Select(e => e.Path));
        // Equal up to float rounding: the embeddings were computed in batches of different sizes.
        for (int i = 0; i < fresh.Index.Entries.Count; i++)
            for (int d = 0; d < incremental.Dimensions; d++)
                Assert.Equal(fresh.Index.Entries[i].Embedding[d], incremental.Entries[i].Embedding[d], 1e-5f);
    }

    [Fact]
    public void AnIndexBuiltWithOtherWeightsIsRebuiltWhole()
    {
        var predictor = Predictor.Load(served.Run.RunPath);
        var folder = CopyOfClips(2);
        var output = Path.Combine(folder, "..", Path.GetFileName(folder) + ".idx");
        var first = LibraryIndexer.Build(predictor, folder, output, _ => { });
        new EmbeddingIndex(first.Index.RunPath, "0000other", first.Index.Dimensions, first.Index.Entries).Write(output);
        var messages = new List<string>();
        var rebuilt = LibraryIndexer.Build(predictor, folder, output, messages.Add);
        Assert.Equal(2, rebuilt.Added);
        Assert.Contains(messages, m => m.Contains("other weights"));
    }
}
