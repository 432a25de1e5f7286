namespace Hark.Inference;

/// <summary>How the members' probabilities are combined.</summary>
public enum EnsembleMethod { Mean, Rank }

/// <summary>
/// Combines the predictions of several models (folds, seeds, architectures) for the same examples: a weighted mean of
/// probabilities, or per-class rank averaging (each member's column replaced by its normalised rank, as Kaggle
/// ensembles do when members are calibrated differently), weighted, e.g. by cross-validation scores.
/// </summary>
public static class Ensemble
{
    public static float[][] Combine(IReadOnlyList<float[][]> members, EnsembleMethod method, IReadOnlyList<double>? weights = null)
    {
        if (members.Count == 0) throw new ArgumentException("Ensemble: no members");
        int rows = members[0].Length, columns = rows > 0 ? members[0][0].Length : 0;
        for (int m = 1; m < members.Count; m++)
            if (members[m].Length != rows || (rows > 0 && members[m][0].Length != columns))
                throw new ArgumentException($"Ensemble: member {m} predicts {members[m].Length} x {(members[m].Length > 0 ? members[m][0].Length : 0)}, member 0 predicts {rows} x {columns}");
        weights ??= Enumerable.Repeat(1.0, members.Count).ToArray();
        if (weights.Count != members.Count || weights.Any(w => !(w >= 0)) || weights.Sum() <= 0)
            throw new ArgumentException($"Ensemble: expected {members.Count} non-negative weights with a positive sum; got [{string.Join(", ", weights)}]");
        double total = weights.Sum();
        var result = Enumerable.Range(0, rows).Select(_ => new float[columns]).ToArray();
        for (int m = 0; m < members.Count; m++)
        {
            var values = method == EnsembleMethod.Rank ? Ranks(members[m]) : members[m];
            float w = (float)(weights[m] / total);
            for (int i = 0; i < rows; i++) for (int c = 0; c < columns; c++) result[i][c] += w * values[i][c];
        }
        return result;
    }

    /// <summary>Each column's values replaced by their average rank scaled to [0, 1] (ties share the mean rank).</summary>
    public static float[][] Ranks(float[][] scores)
    {
        int rows = scores.Length, columns = rows > 0 ? scores[0].Length : 0;
        var ranks = Enumerable.Range(0, rows).Select(_ => new float[columns]).ToArray();
        var order = new int[rows];
        for (int c = 0; c < columns; c++)
        {
            for (int i = 0; i < rows; i++) order[i] = i;
            Array.Sort(order, (a, b) => scores[a][c].CompareTo(scores[b][c]));
            for (int start = 0; start < rows;)
            {
                int end = start;
                while (end + 1 < rows && scores[order[end + 1]][c] == scores[order[start]][c]) end++;
                float rank = rows == 1 ? 1f : (start + end) / 2f / (rows - 1);
                for (int k = start; k <= end; k++) ranks[order[k]][c] = rank;
                start = end + 1;
            }
        }
        return ranks;
    }
}
