using Hark.Data.Sources;

namespace Hark.Data.Tests.Sources;

public class DataRootTests
{
    [Fact]
    public void PathsOutsideTheCsvFolderAreListedAndRefusedUnreadWhenADataRootConfinesThem()
    {
        using var inside = new TempFolder();
        using var outside = new TempFolder();
        inside.Write("data/a.wav");
        string secret = outside.Write("secret.wav");
        string csv = inside.Write("data/meta.csv", $"path,label\na.wav,dog\n../../{Path.GetFileName(outside.Root)}/secret.wav,cat\n{secret},cat\n");

        var open = LabelCsvSource.Load(csv, new DataSourceOptions { OnProblem = ProblemPolicy.SkipAndReport });
        Assert.Equal(3, open.Count);
        Assert.Equal([secret, secret], open.PathsOutsideFolder);

        var confined = LabelCsvSource.Load(csv, new DataSourceOptions { OnProblem = ProblemPolicy.SkipAndReport, DataRoot = Path.Combine(inside.Root, "data") });
        Assert.Equal(["a.wav"], confined.Items.Select(i => Path.GetFileName(i.Path)));
        Assert.Equal([3, 4], confined.Problems.Select(p => p.Line));
        Assert.All(confined.Problems, p => Assert.Equal(DataProblemKind.OutsideDataRoot, p.Kind));
        Assert.All(confined.Problems, p => Assert.Contains("outside the data root", p.Message));
    }
}
