using Hark.Tensors;

namespace Hark.Data.Splits;

/// <summary>
/// Iterative stratification for multi-label data (Sechidis, Tsoumakas and Vlahavas 2011, "On the stratification of
/// multi-label data"), following the iterative-stratification package's IterativeStratification: repeatedly take the
/// label with the fewest remaining samples and give each of its samples to the subset that still wants most of that
/// label (ties: the subset that wants most samples, then at random); samples with no labels fill the subsets last.
/// </summary>
internal static class IterativeStratification
{
    /// <summary>The subset (0..proportions.Length-1) of every sample; <paramref name="labelSets"/> holds each sample's positive classes.</summary>
    public static int[] Assign(int[][] labelSets, int classes, double[] proportions, Generator generator)
    {
        int n = labelSets.Length;
        int subsets = proportions.Length;
        var subsetOf = new int[n];
        var wantedSamples = proportions.Select(r => r * n).ToArray();
        var wantedLabels = new double[subsets, classes];
        var labelTotals = new int[classes];
        foreach (var set in labelSets) foreach (int c in set) labelTotals[c]++;
        for (int s = 0; s < subsets; s++)
            for (int c = 0; c < classes; c++) wantedLabels[s, c] = proportions[s] * labelTotals[c];

        var done = new bool[n];
        var remainingPerLabel = (int[])labelTotals.Clone();
        int remaining = n;
        while (remaining > 0)
        {
            int label = RarestRemainingLabel(remainingPerLabel, generator);
            if (label < 0)
            {
                for (int i = 0; i < n; i++)
                {
                    if (done[i]) continue;
                    int s = RandomArgMax(Enumerable.Range(0, subsets).ToArray(), wantedSamples, generator);
                    wantedSamples[s]--;
                    subsetOf[i] = s;
                    done[i] = true;
                    remaining--;
                }
                break;
            }
            for (int i = 0; i < n; i++)
            {
                if (done[i] || !labelSets[i].Contains(label)) continue;
                double most = double.NegativeInfinity;
                for (int s = 0; s < subsets; s++) most = Math.Max(most, wantedLabels[s, label]);
                var candidates = Enumerable.Range(0, subsets).Where(s => wantedLabels[s, label] == most).ToArray();
                int chosen = candidates.Length == 1 ? candidates[0] : RandomArgMax(candidates, wantedSamples, generator);
                subsetOf[i] = chosen;
                done[i] = true;
                remaining--;
                foreach (int c in labelSets[i])
                {
                    wantedLabels[chosen, c]--;
                    remainingPerLabel[c]--;
                }
                wantedSamples[chosen]--;
            }
        }
        return subsetOf;
    }

    // The label with the fewest (but some) unassigned samples, ties at random; -1 when only unlabelled samples remain.
    private static int RarestRemainingLabel(int[] remainingPerLabel, Generator generator)
    {
        int fewest = int.MaxValue;
        foreach (int count in remainingPerLabel) if (count > 0) fewest = Math.Min(fewest, count);
        if (fewest == int.MaxValue) return -1;
        var ties = Enumerable.Range(0, remainingPerLabel.Length).Where(c => remainingPerLabel[c] == fewest).ToArray();
        return ties.Length == 1 ? ties[0] : ties[generator.NextInt(ties.Length)];
    }

    // Among candidates, one with the largest value, ties at random.
    private static int RandomArgMax(int[] candidates, double[] values, Generator generator)
    {
        double most = candidates.Max(s => values[s]);
        var ties = candidates.Where(s => values[s] == most).ToArray();
        return ties.Length == 1 ? ties[0] : ties[generator.NextInt(ties.Length)];
    }
}
