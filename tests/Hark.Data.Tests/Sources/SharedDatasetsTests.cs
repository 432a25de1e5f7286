using Hark.Data.Sources;

namespace Hark.Data.Tests.Sources;

/// <summary>The real datasets of ../shared/data load with no problems and the counts of its README.</summary>
public class SharedDatasetsTests
{
    [SharedDataFact("fsdd")]
    public void Fsdd()
    {
        var data = DataSource.Open(Path.Combine(SharedData.PathOf("fsdd"), "metadata.csv"));
        Assert.Empty(data.Problems);
        Assert.Equal(3000, data.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(d => d.ToString()), data.Labels.Names);
        Assert.Equal(LabelKind.SingleLabel, data.Kind);
        Assert.Equal(300, data.IndicesOfSplit("test").Length);
        Assert.Equal(2700, data.IndicesOfSplit("train").Length);
        Assert.Equal(6, data.Groups().Distinct().Count());
    }

    [SharedDataFact("emodb")]
    public void Emodb()
    {
        var data = DataSource.Open(Path.Combine(SharedData.PathOf("emodb"), "metadata.csv"));
        Assert.Empty(data.Problems);
        Assert.Equal(535, data.Count);
        Assert.Equal(["anger", "boredom", "disgust", "fear", "happiness", "neutral", "sadness"], data.Labels.Names);
        Assert.Equal(10, data.Groups().Distinct().Count());
        var testSpeakers = data.IndicesOfSplit("test").Select(i => data.Items[i].Group).Distinct().Order();
        Assert.Equal(["03", "08"], testSpeakers);
    }

    [SharedDataFact("fsdd-mix")]
    public void FsddMix()
    {
        var data = DataSource.Open(Path.Combine(SharedData.PathOf("fsdd-mix"), "metadata.csv"));
        Assert.Empty(data.Problems);
        Assert.Equal(LabelKind.MultiLabel, data.Kind);
        Assert.Equal(2000, data.Count);
        Assert.Equal(1600, data.IndicesOfSplit("train").Length);
        Assert.Equal(400, data.IndicesOfSplit("test").Length);
        Assert.Equal(10, data.Labels.Count);
        Assert.All(data.Items, item => Assert.InRange(item.Labels.Length, 1, 3));
    }

    [SharedDataFact("fsdd-triple-png")]
    public void FsddTriplePng()
    {
        string root = SharedData.PathOf("fsdd-triple-png");
        var train = DataSource.Open(Path.Combine(root, "train", "metadata.csv"));
        Assert.Empty(train.Problems);
        Assert.Equal(1320, train.Count);
        Assert.Equal(10, train.Labels.Count);
        Assert.All(train.Items, item => Assert.Equal(3, item.Paths.Length));

        var test = DataSource.Open(Path.Combine(root, "test", "metadata.csv"), new DataSourceOptions { Labels = train.Labels });
        Assert.Empty(test.Problems);
        Assert.False(test.HasLabels);
        Assert.Equal(300, test.Count);
    }
}
