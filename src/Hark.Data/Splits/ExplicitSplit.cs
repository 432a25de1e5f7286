namespace Hark.Data.Splits;

/// <summary>The split named in a CSV column (e.g. <c>train</c>/<c>test</c>/<c>val</c>).</summary>
public static class ExplicitSplit
{
    /// <summary>Indices of each split name (case-insensitive, first-seen order); samples without a split are under "".</summary>
    public static IReadOnlyDictionary<string, int[]> ByName(IReadOnlyList<string?> splits)
    {
        var lists = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        for (int i = 0; i < splits.Count; i++)
        {
            string name = splits[i]?.Trim() ?? "";
            if (!lists.TryGetValue(name, out var list))
            {
                lists[name] = list = [];
                order.Add(name);
            }
            list.Add(i);
        }
        return order.ToDictionary(name => name, name => lists[name].ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The train and test indices; throws when a sample's split is neither, or when either is empty.</summary>
    public static DataSplit TrainTest(IReadOnlyList<string?> splits, string trainName = "train", string testName = "test")
    {
        var byName = ByName(splits);
        var others = byName.Keys.Where(k => !k.Equals(trainName, StringComparison.OrdinalIgnoreCase) && !k.Equals(testName, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (others.Length > 0)
        {
            string first = others[0];
            throw new ArgumentException(
                $"ExplicitSplit: expected every split to be '{trainName}' or '{testName}', got '{first}' for {byName[first].Length} sample(s) (first is sample {byName[first][0]})");
        }
        var train = byName.GetValueOrDefault(trainName) ?? [];
        var test = byName.GetValueOrDefault(testName) ?? [];
        if (train.Length == 0 || test.Length == 0)
            throw new ArgumentException($"ExplicitSplit: expected samples in both '{trainName}' and '{testName}', got {train.Length} and {test.Length}");
        return new DataSplit(train, test);
    }
}
