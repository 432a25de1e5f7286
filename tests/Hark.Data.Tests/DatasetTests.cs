using Hark.Data.Sources;

namespace Hark.Data.Tests;

public class DatasetTests
{
    [Fact]
    public void SubsetKeepsOrderAndLabelSpace()
    {
        using var folder = new TempFolder();
        foreach (var f in new[] { "a", "b", "c" }) folder.Write($"{f}.wav");
        string csv = folder.Write("m.csv", "path,labels\na.wav,x\nb.wav,\"x,y\"\nc.wav,y\n");
        var data = MultiLabelCsvSource.Load(csv);
        var subset = data.Subset([2, 0]);
        Assert.Equal(["c.wav", "a.wav"], subset.Items.Select(i => i.Id));
        Assert.Same(data.Labels, subset.Labels);
        Assert.Equal([[false, true], [true, false]], subset.MultiHot());
        var e = Assert.Throws<InvalidOperationException>(() => data.Items[1].Label);
        Assert.Contains($"{csv}:3", e.Message);
    }

    [Fact]
    public void OpenReadsClassFoldersAndImageMetadata()
    {
        using var folder = new TempFolder();
        folder.Write("audio/dog/1.wav");
        folder.Write("images/1_1.png");
        string csv = folder.Write("images/metadata.csv", "id,input_1,target\n1,1_1.png,3\n");
        Assert.Equal(["dog"], DataSource.Open(Path.Combine(folder.Root, "audio")).Labels.Names);
        Assert.Equal(["1_1.png"], DataSource.Open(csv).Items.Select(i => Path.GetFileName(i.Path)));
    }
}
