using Hark.Data.Sources;

namespace Hark.Data.Tests.Sources;

/// <summary>The optional per-row <c>weight</c> column of the single- and multi-label CSVs (`hark relabel` writes it).</summary>
public class WeightColumnTests
{
    [Fact]
    public void WeightsAreReadPerRowAndAnEmptyCellOrNoColumnWeighsOne()
    {
        using var folder = new TempFolder();
        folder.Write("a.wav");
        folder.Write("b.wav");
        folder.Write("c.wav");
        var single = LabelCsvSource.Load(folder.Write("single.csv", "path,label,weight\na.wav,dog,0.25\nb.wav,cat,\nc.wav,cat,2\n"));
        Assert.Equal([0.25f, 1f, 2f], single.Items.Select(i => i.Weight));
        var multi = DataSource.Open(folder.Write("multi.csv", "path,labels,weight\na.wav,\"dog,cat\",0.5\nb.wav,cat,1\n"));
        Assert.Equal([0.5f, 1f], multi.Items.Select(i => i.Weight));
        var plain = LabelCsvSource.Load(folder.Write("plain.csv", "path,label\na.wav,dog\n"));
        Assert.Equal(1f, plain.Items[0].Weight);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("heavy")]
    [InlineData("NaN")]
    public void AWeightThatIsNotANumberAtLeastZeroIsAProblemNamingTheLine(string weight)
    {
        using var folder = new TempFolder();
        folder.Write("a.wav");
        folder.Write("b.wav");
        string csv = folder.Write("meta.csv", $"path,label,weight\na.wav,dog,1\nb.wav,cat,{weight}\n");
        var data = LabelCsvSource.Load(csv, new DataSourceOptions { OnProblem = ProblemPolicy.SkipAndReport });
        var problem = Assert.Single(data.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains($"column 'weight' is '{weight}'", problem.Message);
        Assert.Single(data.Items);
    }
}
