namespace Hark.Data.Splits;

/// <summary>Indices (ascending) of the training and held-out samples of one hold-out split or one fold.</summary>
public sealed record DataSplit(int[] Train, int[] Test)
{
    /// <summary>The K folds described by a fold number per sample (fold k's test set is the samples numbered k).</summary>
    public static DataSplit[] FromFoldAssignment(int[] foldOfSample, int folds)
    {
        var splits = new DataSplit[folds];
        for (int k = 0; k < folds; k++)
        {
            var test = new List<int>();
            var train = new List<int>();
            for (int i = 0; i < foldOfSample.Length; i++) (foldOfSample[i] == k ? test : train).Add(i);
            splits[k] = new DataSplit(train.ToArray(), test.ToArray());
        }
        return splits;
    }
}
