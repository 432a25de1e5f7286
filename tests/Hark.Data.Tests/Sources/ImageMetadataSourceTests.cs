using Hark.Data.Sources;

namespace Hark.Data.Tests.Sources;

public class ImageMetadataSourceTests
{
    [Fact]
    public void AnyNumberOfInputsInNumberOrder()
    {
        using var folder = new TempFolder();
        foreach (var n in new[] { 1, 2, 3, 4 }) folder.Write($"img/0_{n}.png");
        string csv = folder.Write("metadata.csv", "id,input_2,input_1,input_4,input_3,target\n0,img/0_2.png,img/0_1.png,img/0_4.png,img/0_3.png,7\n");
        var data = ImageMetadataSource.Load(csv);
        var item = Assert.Single(data.Items);
        Assert.Equal("0", item.Id);
        Assert.Equal(Enumerable.Range(1, 4).Select(n => Path.Combine(folder.Root, "img", $"0_{n}.png")), item.Paths);
        Assert.Equal(["7"], data.Labels.Names);
    }

    [Fact]
    public void GapInInputNumbersIsAHeaderError()
    {
        using var folder = new TempFolder();
        string csv = folder.Write("metadata.csv", "id,input_1,input_3\n");
        var e = Assert.Throws<FormatException>(() => ImageMetadataSource.Load(csv));
        Assert.Contains(":1: expected input columns numbered 1..2", e.Message);
    }

    [Fact]
    public void EachMissingInputIsReported()
    {
        using var folder = new TempFolder();
        folder.Write("a_1.png");
        string csv = folder.Write("metadata.csv", "id,input_1,input_2,input_3\n5,a_1.png,a_2.png,a_3.png\n");
        var data = ImageMetadataSource.Load(csv, new DataSourceOptions { OnProblem = ProblemPolicy.SkipAndReport });
        Assert.False(data.HasLabels);
        Assert.Empty(data.Items);
        Assert.Equal(["input_2", "input_3"], data.Problems.Select(p => p.Message.Split('\'')[3]));
    }
}
