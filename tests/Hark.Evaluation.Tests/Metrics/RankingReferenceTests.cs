using Hark.Evaluation.Metrics;

namespace Hark.Evaluation.Tests.Metrics;

/// <summary>
/// The sorted, tie-grouped ROC AUC, average precision and LRAP against plain definitions written out pair by pair,
/// on random scores with many ties and sizes 1..257 so every grouping edge case runs.
/// </summary>
public class RankingReferenceTests
{
    // AUC = P(score of a random positive > score of a random negative) + 0.5 P(equal).
    private static double ReferenceAuc(bool[] truth, float[] scores)
    {
        double pairs = 0;
        long positives = 0, negatives = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            if (truth[i]) positives++;
            else negatives++;
        }
        for (int i = 0; i < truth.Length; i++)
            for (int j = 0; j < truth.Length; j++)
                if (truth[i] && !truth[j]) pairs += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
        return pairs / (positives * negatives);
    }

    // AP = sum over distinct thresholds t (descending) of (recall(t) - recall(previous t)) * precision(t).
    private static double ReferenceAp(bool[] truth, float[] scores)
    {
        int positives = truth.Count(t => t);
        double ap = 0, previousRecall = 0;
        foreach (float t in scores.Distinct().OrderByDescending(s => s))
        {
            int predicted = scores.Count(s => s >= t);
            int tp = Enumerable.Range(0, scores.Length).Count(i => scores[i] >= t && truth[i]);
            double recall = (double)tp / positives;
            ap += (recall - previousRecall) * tp / predicted;
            previousRecall = recall;
        }
        return ap;
    }

    public static TheoryData<int> Sizes => new() { 2, 3, 7, 16, 31, 64, 100, 257 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void SortedAucAndApEqualThePlainDefinitions(int n)
    {
        var rng = new Random(n);
        for (int trial = 0; trial < 5; trial++)
        {
            var truth = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.4).ToArray();
            truth[0] = true;
            truth[^1] = n == 1 || truth[^1];
            if (truth.All(t => t)) truth[^1] = false;
            int levels = trial % 2 == 0 ? 4 : 1000;
            var scores = Enumerable.Range(0, n).Select(_ => (float)rng.Next(levels) / levels).ToArray();
            Assert.Equal(ReferenceAuc(truth, scores), RocAuc.Binary(truth, scores), 12);
            Assert.Equal(ReferenceAp(truth, scores), AveragePrecision.Binary(truth, scores), 12);
        }
    }

    [Fact]
    public void LwlrapOfAPerfectRankingIsOneAndOfAReversedOneIsLower()
    {
        bool[][] targets = [[true, false, false], [false, true, true]];
        Assert.Equal(1.0, Lwlrap.Score(targets, [[0.9f, 0.1f, 0.2f], [0.1f, 0.8f, 0.7f]]), 12);
        // Sample 2: label 1 ranked 2nd of 3 behind a false label (precision 1/2), label 2 ranked 3rd (2/3).
        double expected = (1.0 + 0.5 + 2.0 / 3) / 3;
        Assert.Equal(expected, Lwlrap.Score(targets, [[0.9f, 0.1f, 0.2f], [0.9f, 0.8f, 0.7f]]), 12);
    }

    [Fact]
    public void AllTiedScoresGiveChanceAuc()
    {
        Assert.Equal(0.5, RocAuc.Binary([true, false, true, false], [0.3f, 0.3f, 0.3f, 0.3f]), 12);
        Assert.Equal(0.5, AveragePrecision.Binary([true, false, true, false], [0.3f, 0.3f, 0.3f, 0.3f]), 12);
    }
}
