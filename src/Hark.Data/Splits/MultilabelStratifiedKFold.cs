using Hark.Tensors;

namespace Hark.Data.Splits;

/// <summary>
/// K folds for multi-label data that keep each label's share in every fold, as iterative-stratification's
/// MultilabelStratifiedKFold(shuffle=True): the rows are shuffled, then assigned by <see cref="IterativeStratification"/>.
/// </summary>
public static class MultilabelStratifiedKFold
{
    public static DataSplit[] Split(bool[][] multiHot, int folds, Generator generator) =>
        DataSplit.FromFoldAssignment(Assign(multiHot, folds, generator), folds);

    public static int[] Assign(bool[][] multiHot, int folds, Generator generator)
    {
        const string name = nameof(MultilabelStratifiedKFold);
        SplitChecks.Folds(name, folds, multiHot.Length);
        var sets = SplitChecks.LabelSets(name, multiHot);
        var proportions = Enumerable.Repeat(1.0 / folds, folds).ToArray();
        return ShuffledAssign(sets, multiHot[0].Length, proportions, generator);
    }

    internal static int[] ShuffledAssign(int[][] labelSets, int classes, double[] proportions, Generator generator)
    {
        var order = generator.Permutation(labelSets.Length);
        var shuffledSets = order.Select(i => labelSets[i]).ToArray();
        var subsetOfShuffled = IterativeStratification.Assign(shuffledSets, classes, proportions, generator);
        var subsetOf = new int[labelSets.Length];
        for (int j = 0; j < order.Length; j++) subsetOf[order[j]] = subsetOfShuffled[j];
        return subsetOf;
    }
}
