using Hark.Tensors;

namespace Hark.Data.Splits;

/// <summary>
/// K folds in which every group (e.g. speaker) is held out whole, as scikit-learn's GroupKFold: groups are taken from
/// largest to smallest and each goes to the fold with the fewest samples so far. The generator orders groups of equal
/// size, which scikit-learn leaves to its sort.
/// </summary>
public static class GroupKFold
{
    public static DataSplit[] Split(IReadOnlyList<string?> groups, int folds, Generator generator) =>
        DataSplit.FromFoldAssignment(Assign(groups, folds, generator), folds);

    public static int[] Assign(IReadOnlyList<string?> groups, int folds, Generator generator)
    {
        const string name = nameof(GroupKFold);
        SplitChecks.Folds(name, folds, groups.Count);
        SplitChecks.Groups(name, groups, groups.Count);
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var g in groups) sizes[g!] = sizes.GetValueOrDefault(g!) + 1;
        if (sizes.Count < folds) throw new ArgumentException($"{name}: cannot make {folds} folds from {sizes.Count} groups");

        var names = sizes.Keys.ToArray();
        generator.Shuffle(names.AsSpan());
        var ordered = names.Select((g, k) => (g, k)).OrderByDescending(p => sizes[p.g]).ThenBy(p => p.k).Select(p => p.g);

        var foldLoad = new int[folds];
        var foldOfGroup = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var g in ordered)
        {
            int lightest = 0;
            for (int k = 1; k < folds; k++) if (foldLoad[k] < foldLoad[lightest]) lightest = k;
            foldOfGroup[g] = lightest;
            foldLoad[lightest] += sizes[g];
        }
        return groups.Select(g => foldOfGroup[g!]).ToArray();
    }
}
