namespace Hark.Data.Splits;

/// <summary>Argument checks shared by the splitters, with messages that name the splitter and the values.</summary>
internal static class SplitChecks
{
    public static void Fraction(string splitter, double testFraction)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, $"{splitter}: expected a test fraction in (0, 1), got {testFraction}");
    }

    public static void Folds(string splitter, int folds, int samples)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), folds, $"{splitter}: expected at least 2 folds, got {folds}");
        if (folds > samples) throw new ArgumentException($"{splitter}: cannot make {folds} folds from {samples} samples");
    }

    public static int ClassCount(string splitter, ReadOnlySpan<int> labels)
    {
        int max = -1;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0) throw new ArgumentException($"{splitter}: label of sample {i} is {labels[i]}; expected a class index >= 0");
            max = Math.Max(max, labels[i]);
        }
        return max + 1;
    }

    public static int[] CountPerClass(ReadOnlySpan<int> labels, int classes)
    {
        var counts = new int[classes];
        foreach (int label in labels) counts[label]++;
        return counts;
    }

    public static void Groups(string splitter, IReadOnlyList<string?> groups, int samples)
    {
        if (groups.Count != samples) throw new ArgumentException($"{splitter}: expected {samples} groups (one per sample), got {groups.Count}");
        for (int i = 0; i < groups.Count; i++)
            if (string.IsNullOrEmpty(groups[i])) throw new ArgumentException($"{splitter}: sample {i} has no group; expected a group (e.g. speaker) for every sample");
    }

    public static int[][] LabelSets(string splitter, bool[][] multiHot)
    {
        if (multiHot.Length == 0) return [];
        int classes = multiHot[0].Length;
        var sets = new int[multiHot.Length][];
        for (int i = 0; i < multiHot.Length; i++)
        {
            if (multiHot[i].Length != classes)
                throw new ArgumentException($"{splitter}: row {i} has {multiHot[i].Length} classes, expected {classes} like row 0");
            sets[i] = Enumerable.Range(0, classes).Where(c => multiHot[i][c]).ToArray();
        }
        return sets;
    }
}
