namespace Hark.Data.Sampling;

/// <summary>Positive counts per class from single labels or multi-hot rows, checked against the class count.</summary>
public static class ClassCounts
{
    public static int[] Of(ReadOnlySpan<int> labels, int classes)
    {
        var counts = new int[classes];
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(labels), $"ClassCounts: label of sample {i} is {labels[i]}; expected 0..{classes - 1}");
            counts[labels[i]]++;
        }
        return counts;
    }

    public static int[] Of(bool[][] multiHot)
    {
        if (multiHot.Length == 0) throw new ArgumentException("ClassCounts: expected at least one row of multi-hot targets");
        int classes = multiHot[0].Length;
        var counts = new int[classes];
        for (int i = 0; i < multiHot.Length; i++)
        {
            if (multiHot[i].Length != classes)
                throw new ArgumentException($"ClassCounts: row {i} has {multiHot[i].Length} classes, expected {classes} like row 0");
            for (int c = 0; c < classes; c++) if (multiHot[i][c]) counts[c]++;
        }
        return counts;
    }
}
