using Hark.Tensors;

namespace Hark.Data.Splits;

/// <summary>Plain shuffled K folds (scikit-learn's KFold(shuffle=True)): the first n % K folds get one extra sample.</summary>
public static class KFold
{
    public static DataSplit[] Split(int samples, int folds, Generator generator) =>
        DataSplit.FromFoldAssignment(Assign(samples, folds, generator), folds);

    public static int[] Assign(int samples, int folds, Generator generator)
    {
        SplitChecks.Folds(nameof(KFold), folds, samples);
        var order = generator.Permutation(samples);
        var foldOf = new int[samples];
        int position = 0;
        for (int k = 0; k < folds; k++)
        {
            int size = samples / folds + (k < samples % folds ? 1 : 0);
            for (int j = 0; j < size; j++) foldOf[order[position++]] = k;
        }
        return foldOf;
    }
}
