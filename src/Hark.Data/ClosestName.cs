namespace Hark.Data;

/// <summary>
/// "Did you mean" for a mistyped name: the known name nearest by edit distance (Levenshtein, case-insensitive), when it
/// is close enough to be a typo (at most a third of the longer name, and at most 3 edits).
/// </summary>
public static class ClosestName
{
    /// <summary>The nearest of <paramref name="known"/> to <paramref name="typed"/>, or null when none is close.</summary>
    public static string? Find(string typed, IEnumerable<string> known)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var name in known)
        {
            int distance = EditDistance(typed.ToLowerInvariant(), name.ToLowerInvariant());
            if (distance < bestDistance) (best, bestDistance) = (name, distance);
        }
        return best is not null && bestDistance <= Math.Min(3, Math.Max(1, Math.Max(typed.Length, best.Length) / 3)) ? best : null;
    }

    /// <summary>" (did you mean X?)" or an empty string.</summary>
    public static string Hint(string typed, IEnumerable<string> known) => Find(typed, known) is { } name ? $" (did you mean {name}?)" : "";

    /// <summary>Insertions, deletions and substitutions that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
