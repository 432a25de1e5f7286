using Hark.Data.Sources;

namespace Hark.Data.Tests.Sources;

public class ClassFolderSourceTests
{
    [Fact]
    public void ClassesAreFoldersAndOtherFilesAreReported()
    {
        using var folder = new TempFolder();
        folder.Write("rock/b.wav");
        folder.Write("rock/sub/a.flac");
        folder.Write("jazz/x.MP3");
        folder.Write("jazz/y.npy");
        folder.Write("jazz/notes.txt");
        folder.Write("stray.wav");
        var data = ClassFolderSource.Load(folder.Root, new DataSourceOptions { OnProblem = ProblemPolicy.SkipAndReport });
        Assert.Equal(["jazz", "rock"], data.Labels.Names);
        Assert.Equal(["jazz/x.MP3", "jazz/y.npy", "rock/b.wav", "rock/sub/a.flac"], data.Items.Select(i => i.Id));
        Assert.Equal([0, 0, 1, 1], data.SingleLabels());
        Assert.Equal(2, data.Problems.Count);
        Assert.All(data.Problems, p => Assert.Equal(DataProblemKind.UnsupportedFile, p.Kind));
    }

    [Fact]
    public void FolderOutsideAGivenLabelSpaceIsUnknown()
    {
        using var folder = new TempFolder();
        folder.Write("rock/a.wav");
        folder.Write("polka/b.wav");
        var options = new DataSourceOptions { Labels = LabelSpace.FromNames(["rock", "jazz"]), OnProblem = ProblemPolicy.SkipAndReport };
        var data = ClassFolderSource.Load(folder.Root, options);
        Assert.Single(data.Items);
        var problem = Assert.Single(data.Problems);
        Assert.Equal(DataProblemKind.UnknownLabel, problem.Kind);
        Assert.Contains("polka", problem.Message);
    }
}
