using Hark.Tensors;

namespace Hark.Data.Splits;

/// <summary>
/// A seeded hold-out split that keeps class proportions, like scikit-learn's
/// <c>train_test_split(stratify=y)</c> (StratifiedShuffleSplit): the test size is ceil(fraction * n), each class's
/// train and test counts follow its share, and the members of each class are drawn at random.
/// </summary>
public static class StratifiedHoldOut
{
    public static DataSplit Split(int[] labels, double testFraction, Generator generator)
    {
        const string name = "StratifiedHoldOut";
        SplitChecks.Fraction(name, testFraction);
        int n = labels.Length;
        int classes = SplitChecks.ClassCount(name, labels);
        var counts = SplitChecks.CountPerClass(labels, classes);
        for (int c = 0; c < classes; c++)
            if (counts[c] == 1)
                throw new ArgumentException($"{name}: class {c} has only 1 sample; stratifying needs at least 2 per class (as in scikit-learn)");
        int testSize = (int)Math.Ceiling(testFraction * n);
        int trainSize = n - testSize;
        if (trainSize == 0 || testSize == 0)
            throw new ArgumentException($"{name}: {n} samples with test fraction {testFraction} leave an empty train or test set");

        var present = Enumerable.Range(0, classes).Where(c => counts[c] > 0).ToArray();
        var presentCounts = present.Select(c => counts[c]).ToArray();
        var trainPerClass = ApproximateMode.Allocate(presentCounts, trainSize, generator);
        var remaining = presentCounts.Select((count, k) => count - trainPerClass[k]).ToArray();
        var testPerClass = ApproximateMode.Allocate(remaining, testSize, generator);

        var train = new List<int>(trainSize);
        var test = new List<int>(testSize);
        for (int k = 0; k < present.Length; k++)
        {
            int c = present[k];
            var members = Enumerable.Range(0, n).Where(i => labels[i] == c).ToArray();
            generator.Shuffle(members.AsSpan());
            train.AddRange(members.Take(trainPerClass[k]));
            test.AddRange(members.Skip(trainPerClass[k]).Take(testPerClass[k]));
        }
        train.Sort();
        test.Sort();
        return new DataSplit(train.ToArray(), test.ToArray());
    }
}
