using Hark.Tensors;

namespace Hark.Data.Splits;

/// <summary>
/// How many of <c>draws</c> samples to take from each class so the counts follow the class proportions: the floors of
/// the exact shares, then one more for the largest remainders, ties broken at random (scikit-learn's _approximate_mode).
/// </summary>
internal static class ApproximateMode
{
    public static int[] Allocate(int[] classCounts, int draws, Generator generator)
    {
        long total = classCounts.Sum(c => (long)c);
        var continuous = classCounts.Select(c => (double)c / total * draws).ToArray();
        var floored = continuous.Select(Math.Floor).Select(v => (int)v).ToArray();
        int needToAdd = draws - floored.Sum();
        if (needToAdd <= 0) return floored;
        var remainder = continuous.Select((v, c) => v - floored[c]).ToArray();
        foreach (double value in remainder.Distinct().OrderByDescending(v => v))
        {
            var candidates = Enumerable.Range(0, remainder.Length).Where(c => remainder[c] == value).ToArray();
            generator.Shuffle(candidates.AsSpan());
            int addNow = Math.Min(candidates.Length, needToAdd);
            for (int k = 0; k < addNow; k++) floored[candidates[k]]++;
            needToAdd -= addNow;
            if (needToAdd == 0) break;
        }
        return floored;
    }
}
