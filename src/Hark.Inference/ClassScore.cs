namespace Hark.Inference;

/// <summary>One class and the probability a model gives it.</summary>
public readonly record struct ClassScore(string Label, float Probability)
{
    /// <summary>
    /// The <paramref name="k"/> most probable classes of one clip, most probable first (ties: class order); k is capped
    /// at the number of classes.
    /// </summary>
    public static IReadOnlyList<ClassScore> Top(ReadOnlySpan<float> probabilities, IReadOnlyList<string> classes, int k)
    {
        if (probabilities.Length != classes.Count)
            throw new ArgumentException($"{probabilities.Length} probabilities for {classes.Count} classes; expected one per class", nameof(probabilities));
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var scores = new ClassScore[classes.Count];
        for (int c = 0; c < scores.Length; c++) scores[c] = new ClassScore(classes[c], probabilities[c]);
        // A stable sort keeps equal probabilities in class order.
        return scores.OrderByDescending(s => s.Probability).Take(k).ToArray();
    }
}
