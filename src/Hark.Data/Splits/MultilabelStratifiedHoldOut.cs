using Hark.Tensors;

namespace Hark.Data.Splits;

/// <summary>
/// A seeded multi-label hold-out that keeps each label's share on both sides, by iterative stratification with
/// subset proportions (1 - testFraction, testFraction), like iterative-stratification's MultilabelStratifiedShuffleSplit.
/// </summary>
public static class MultilabelStratifiedHoldOut
{
    public static DataSplit Split(bool[][] multiHot, double testFraction, Generator generator)
    {
        const string name = nameof(MultilabelStratifiedHoldOut);
        SplitChecks.Fraction(name, testFraction);
        if (multiHot.Length < 2) throw new ArgumentException($"{name}: expected at least 2 samples, got {multiHot.Length}");
        var sets = SplitChecks.LabelSets(name, multiHot);
        var subsetOf = MultilabelStratifiedKFold.ShuffledAssign(sets, multiHot[0].Length, [1 - testFraction, testFraction], generator);
        var folds = DataSplit.FromFoldAssignment(subsetOf, 2);
        return folds[1];
    }
}
