using Hark.Tensors;

namespace Hark.Data.Splits;

/// <summary>
/// K folds that keep class proportions, as scikit-learn's StratifiedKFold(shuffle=True): the per-class fold sizes come
/// from dealing the class-sorted samples round-robin (so fold sizes differ by at most one overall and per class), and
/// which member of a class lands in which fold is shuffled.
/// </summary>
public static class StratifiedKFold
{
    public static DataSplit[] Split(int[] labels, int folds, Generator generator) =>
        DataSplit.FromFoldAssignment(Assign(labels, folds, generator), folds);

    /// <summary>The fold number (0..folds-1) of every sample.</summary>
    public static int[] Assign(int[] labels, int folds, Generator generator)
    {
        const string name = nameof(StratifiedKFold);
        int n = labels.Length;
        SplitChecks.Folds(name, folds, n);
        int classes = SplitChecks.ClassCount(name, labels);
        var counts = SplitChecks.CountPerClass(labels, classes);
        if (counts.Where(c => c > 0).All(c => c < folds))
            throw new ArgumentException($"{name}: {folds} folds is more than the size of every class (largest has {counts.Max()})");

        // allocation[k, c]: how many of class c fold k receives when the class-sorted labels are dealt round-robin.
        var allocation = new int[folds, classes];
        int position = 0;
        for (int c = 0; c < classes; c++)
            for (int j = 0; j < counts[c]; j++, position++)
                allocation[position % folds, c]++;

        var foldOf = new int[n];
        for (int c = 0; c < classes; c++)
        {
            var foldsForClass = new List<int>(counts[c]);
            for (int k = 0; k < folds; k++)
                for (int j = 0; j < allocation[k, c]; j++) foldsForClass.Add(k);
            var shuffled = foldsForClass.ToArray();
            generator.Shuffle(shuffled.AsSpan());
            int next = 0;
            for (int i = 0; i < n; i++)
                if (labels[i] == c) foldOf[i] = shuffled[next++];
        }
        return foldOf;
    }
}
