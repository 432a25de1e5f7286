using Hark.Audio.FrontEnds;
using Hark.Audio.Tests.Decoding;

namespace Hark.Audio.Tests.Fuzzing;

/// <summary>The CI subset of bench/fuzz.sh: the same generator with 40 damaged files per format plus every crafted file.</summary>
public class FuzzCorpusTests
{
    private const ulong Seed = 18;

    [Fact]
    public void EveryGeneratedFileDecodesToFiniteFeaturesOrIsRefusedClearlyWithinTenSeconds()
    {
        var cases = FuzzCorpus.Generate(DecodingFixtures.AudioFolder, perFormat: 40, Seed, LibSndFile.Shared is not null).ToList();
        var frontEnd = new FrontEnd(FrontEnd.Torchaudio);
        var results = cases.Select(c => FuzzRunner.Run(c, frontEnd, TimeSpan.FromSeconds(10))).ToList();
        var failures = results.Where(r => r.Verdict is not (FuzzVerdict.Decoded or FuzzVerdict.Refused))
            .Select(r => $"{r.Case.Name}: {r.Verdict}: {r.Detail}").ToList();
        Assert.True(failures.Count == 0, FuzzRunner.Summary(results) + "\n" + string.Join("\n", failures.Take(20)));
        Assert.True(results.Count >= 200, $"only {results.Count} files");
        Assert.Contains(results, r => r.Verdict == FuzzVerdict.Decoded);
        Assert.Contains(results, r => r.Verdict == FuzzVerdict.Refused);
    }

    [Fact]
    public void TheCorpusIsTheSameForTheSameSeed()
    {
        var first = FuzzCorpus.Generate(DecodingFixtures.AudioFolder, 5, Seed, withLibSndFile: true).ToList();
        var second = FuzzCorpus.Generate(DecodingFixtures.AudioFolder, 5, Seed, withLibSndFile: true).ToList();
        Assert.Equal(first.Select(c => c.Name), second.Select(c => c.Name));
        Assert.All(first.Zip(second), pair => Assert.Equal(pair.First.Bytes, pair.Second.Bytes));
    }
}
