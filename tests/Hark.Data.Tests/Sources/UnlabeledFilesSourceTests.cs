using Hark.Data.Sources;

namespace Hark.Data.Tests.Sources;

public class UnlabeledFilesSourceTests
{
    [Fact]
    public void FolderIsListedRecursivelyInPathOrder()
    {
        using var folder = new TempFolder();
        folder.Write("b.wav");
        folder.Write("a/z.ogg");
        folder.Write("readme.md");
        var data = UnlabeledFilesSource.Load(folder.Root, new DataSourceOptions { OnProblem = ProblemPolicy.SkipAndReport });
        Assert.False(data.HasLabels);
        Assert.Equal(["a/z.ogg", "b.wav"], data.Items.Select(i => i.Id));
        Assert.Equal(DataProblemKind.UnsupportedFile, Assert.Single(data.Problems).Kind);
    }

    [Fact]
    public void SingleFileKeepsTheGivenLabelSpace()
    {
        using var folder = new TempFolder();
        string file = folder.Write("clip.flac");
        var labels = LabelSpace.FromNames(["cat", "dog"]);
        var data = UnlabeledFilesSource.Load(file, new DataSourceOptions { Labels = labels });
        Assert.Equal("clip.flac", Assert.Single(data.Items).Id);
        Assert.Same(labels, data.Labels);
    }
}
