using System.Security.Cryptography;
using Hark.Serving.Similarity;
using Hark.Tensors;

namespace Hark.Serving.Tests.Similarity;

public class EmbeddingIndexTests
{
    private static EmbeddingIndex Random(int count, int dimensions, ulong seed)
    {
        var g = new Generator(seed);
        var entries = Enumerable.Range(0, count).Select(i =>
        {
            var v = new float[dimensions];
            for (int d = 0; d < dimensions; d++) v[d] = (float)(g.NextDouble() * 2 - 1);
            return new IndexEntry($"clips/{i:D4}.wav", SHA256.HashData(BitConverter.GetBytes(i)), EmbeddingIndex.Normalize(v));
        });
        return new EmbeddingIndex("/runs/x", "abc123", dimensions, entries);
    }

    private static string TempFile() => Path.Combine(Directory.CreateTempSubdirectory("hark-index-").FullName, "library.idx");

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 7)]
    [InlineData(37, 13)]
    public void WriteThenReadGivesBackEveryFieldBitForBit(int count, int dimensions)
    {
        var index = Random(count, dimensions, seed: 3);
        var path = TempFile();
        index.Write(path);
        var back = EmbeddingIndex.Read(path);
        Assert.Equal(index.RunPath, back.RunPath);
        Assert.Equal(index.ModelId, back.ModelId);
        Assert.Equal(index.Dimensions, back.Dimensions);
        Assert.Equal(index.Entries.Select(e => e.Path), back.Entries.Select(e => e.Path));
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(index.Entries[i].ContentHash, back.Entries[i].ContentHash);
            Assert.Equal(index.Entries[i].Embedding, back.Entries[i].Embedding);
        }
        Assert.Equal(8 + 4 * 3 + (4 + 7) + (4 + 6) + count * (4 + 14 + 32 + 4 * dimensions), new FileInfo(path).Length);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void NearestEqualsAPlainSortByCosineSimilarity()
    {
        var index = Random(200, 9, seed: 8);
        var g = new Generator(99);
        for (int q = 0; q < 10; q++)
        {
            var query = Enumerable.Range(0, 9).Select(_ => (float)(g.NextDouble() * 4 - 2)).ToArray();
            double norm = Math.Sqrt(query.Sum(v => (double)v * v));
            var reference = index.Entries
                .Select(e => (e.Path, Similarity: e.Embedding.Select((v, d) => (double)v * query[d]).Sum() / norm))
                .OrderByDescending(t => t.Similarity).Take(7).ToList();
            var found = index.Nearest(query, 7);
            Assert.Equal(reference.Select(r => r.Path), found.Select(f => f.Path));
            for (int i = 0; i < 7; i++) Assert.Equal(reference[i].Similarity, found[i].Similarity, 5);
        }
    }

    [Fact]
    public void NearestSkipsExcludedEntriesAndReturnsFewerWhenTheIndexIsSmall()
    {
        var index = Random(4, 3, seed: 1);
        var self = index.Entries[2];
        var found = index.Nearest(self.Embedding, 10, e => e.Path == self.Path);
        Assert.Equal(3, found.Count);
        Assert.DoesNotContain(found, f => f.Path == self.Path);
        Assert.Equal(index.Nearest(self.Embedding, 1)[0].Path, self.Path);
    }

    [Fact]
    public void ReadingAFileThatIsNotAnIndexOrIsTruncatedNamesTheProblem()
    {
        var path = TempFile();
        File.WriteAllText(path, "not an index at all");
        Assert.Contains("not a Hark index", Assert.Throws<InvalidDataException>(() => EmbeddingIndex.Read(path)).Message);

        Random(5, 4, seed: 2).Write(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^10]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => EmbeddingIndex.Read(path)).Message);

        Assert.Contains("hark index", Assert.Throws<FileNotFoundException>(() => EmbeddingIndex.Read(path + ".missing")).Message);
    }

    [Fact]
    public void AQueryOfTheWrongSizeIsRefusedWithBothSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => Random(3, 5, seed: 4).Nearest(new float[4], 1));
        Assert.Contains("4 dimensions", error.Message);
        Assert.Contains("5", error.Message);
    }
}
