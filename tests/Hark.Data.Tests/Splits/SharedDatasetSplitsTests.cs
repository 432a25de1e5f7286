using Hark.Data.Sources;
using Hark.Data.Splits;
using Hark.Tensors;

namespace Hark.Data.Tests.Splits;

public class SharedDatasetSplitsTests
{
    [SharedDataFact("emodb")]
    public void EmodbSpeakerHoldOut()
    {
        var data = DataSource.Open(Path.Combine(SharedData.PathOf("emodb"), "metadata.csv"));
        var labels = data.SingleLabels();
        var split = GroupHoldOut.Split(labels, data.Groups(), 0.2, new Generator(42));
        SplitAssertions.DisjointAndCovering(split, data.Count);
        SplitAssertions.GroupsNeverSplit(split, data.Groups());
        Assert.InRange(split.Test.Length, 0.15 * data.Count, 0.25 * data.Count);
    }

    [SharedDataFact("fsdd-mix")]
    public void FsddMixFiveFolds()
    {
        var data = DataSource.Open(Path.Combine(SharedData.PathOf("fsdd-mix"), "metadata.csv"));
        var targets = data.MultiHot();
        var folds = MultilabelStratifiedKFold.Split(targets, 5, new Generator(0));
        SplitAssertions.FoldsPartition(folds, data.Count);
        for (int c = 0; c < data.Labels.Count; c++)
        {
            int total = targets.Count(t => t[c]);
            // The reference implementation (iterative-stratification on this data, 10 seeds) deviates by up to 7.2
            // from total/5 when the most frequent labels are processed last; 10% of the fold share bounds both.
            foreach (var fold in folds) Assert.InRange(fold.Test.Count(i => targets[i][c]), total / 5.0 * 0.9, total / 5.0 * 1.1);
        }
    }
}
