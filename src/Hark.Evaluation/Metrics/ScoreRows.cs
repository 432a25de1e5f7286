namespace Hark.Evaluation.Metrics;

/// <summary>Conversions between the row-major buffers a model produces and the per-sample rows the metrics take.</summary>
public static class ScoreRows
{
    /// <summary>[samples x classes] row-major values as one array per sample.</summary>
    public static float[][] FromRowMajor(float[] data, int classes)
    {
        if (classes <= 0 || data.Length % classes != 0)
            throw new ArgumentException($"ScoreRows: expected a length divisible by {classes} classes, got {data.Length}");
        var rows = new float[data.Length / classes][];
        for (int i = 0; i < rows.Length; i++) rows[i] = data.AsSpan(i * classes, classes).ToArray();
        return rows;
    }

    /// <summary>Float targets (0/1, or soft labels) as multi-hot rows: true where the value is above 0.5.</summary>
    public static bool[][] MultiHot(float[][] targets) => targets.Select(row => row.Select(v => v > 0.5f).ToArray()).ToArray();

    /// <summary>Class indices as one-hot rows over <paramref name="classes"/> classes.</summary>
    public static bool[][] OneHot(int[] labels, int classes)
    {
        var rows = new bool[labels.Length][];
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentException($"ScoreRows: label of sample {i} is {labels[i]}; expected 0..{classes - 1}");
            rows[i] = new bool[classes];
            rows[i][labels[i]] = true;
        }
        return rows;
    }

    /// <summary>The index of the largest score of each row (the first one on ties, like argmax).</summary>
    public static int[] ArgMax(float[][] scores)
    {
        var result = new int[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            int best = 0;
            for (int c = 1; c < scores[i].Length; c++) if (scores[i][c] > scores[i][best]) best = c;
            result[i] = best;
        }
        return result;
    }
}
