using Hark.Data.Sources;

namespace Hark.Data.Tests.Sources;

public class LabelCsvSourceTests
{
    [Fact]
    public void LoadsRelativeAndAbsolutePathsWithSplitAndSpeaker()
    {
        using var folder = new TempFolder();
        folder.Write("wav/a.wav");
        string absolute = folder.Write("other/b.wav");
        string csv = folder.Write("meta.csv", $"path,label,speaker,split\nwav/a.wav,dog,s1,train\n{absolute},cat,s2,test\n");
        var data = LabelCsvSource.Load(csv);
        Assert.Empty(data.Problems);
        Assert.Equal(["cat", "dog"], data.Labels.Names);
        Assert.Equal([1, 0], data.SingleLabels());
        Assert.Equal(Path.Combine(folder.Root, "wav", "a.wav"), data.Items[0].Path);
        Assert.Equal(absolute, data.Items[1].Path);
        Assert.Equal(["train", "test"], data.Splits().Select(s => s!));
        Assert.Equal(["s1", "s2"], data.Groups().Select(g => g!));
        Assert.Equal($"{csv}:2", data.Items[0].Origin);
    }

    [Fact]
    public void EveryKindOfBadRowIsReportedWithFileAndLine()
    {
        using var folder = new TempFolder();
        folder.Write("a.wav");
        folder.Write("b.wav");
        folder.Write("c.wav");
        string csv = folder.Write("meta.csv",
            "path,label\n" +
            "a.wav,dog\n" +        // 2 ok
            "missing.wav,dog\n" +  // 3 missing file
            "b.wav\n" +            // 4 wrong column count
            "b.wav,\n" +           // 5 empty label
            "a.wav,dog\n" +        // 6 duplicate id
            "c.wav,cow\n");        // 7 unknown label
        var options = new DataSourceOptions { Labels = LabelSpace.FromNames(["cat", "dog"]), OnProblem = ProblemPolicy.SkipAndReport };
        var data = LabelCsvSource.Load(csv, options);
        Assert.Single(data.Items);
        Assert.Equal(
            [(3, DataProblemKind.MissingFile), (4, DataProblemKind.WrongColumnCount), (5, DataProblemKind.EmptyLabel),
             (6, DataProblemKind.DuplicateId), (7, DataProblemKind.UnknownLabel)],
            data.Problems.Select(p => (p.Line, p.Kind)));
        Assert.All(data.Problems, p => Assert.StartsWith($"{csv}:{p.Line}: ", p.ToString()));
        Assert.Contains("expected 2 columns (path,label), got 1", data.Problems[1].Message);
        Assert.Contains("first seen at " + csv + ":2", data.Problems[3].Message);
        Assert.Contains("unknown label 'cow'; expected one of [cat, dog]", data.Problems[4].Message);
    }

    [Fact]
    public void FailPolicyThrowsListingTheProblems()
    {
        using var folder = new TempFolder();
        string csv = folder.Write("meta.csv", "path,label\nnope.wav,dog\n");
        var e = Assert.Throws<DataProblemsException>(() => LabelCsvSource.Load(csv));
        Assert.Single(e.Problems);
        Assert.Contains($"{csv}:2: file 'nope.wav'", e.Message);
    }

    [Fact]
    public void WithoutLabelColumnTheDatasetIsUnlabelled()
    {
        using var folder = new TempFolder();
        folder.Write("a.wav");
        string csv = folder.Write("test.csv", "fname\na.wav\n");
        var data = LabelCsvSource.Load(csv);
        Assert.False(data.HasLabels);
        Assert.Empty(data.Items[0].Labels);
        Assert.Throws<InvalidOperationException>(() => data.SingleLabels());
    }

    [Fact]
    public void FilesRootOverridesTheCsvFolder()
    {
        using var folder = new TempFolder();
        folder.Write("audio_train/a.wav");
        string csv = folder.Write("train.csv", "fname,label\na.wav,x\n");
        var data = LabelCsvSource.Load(csv, new DataSourceOptions { FilesRoot = Path.Combine(folder.Root, "audio_train") });
        Assert.Equal("a.wav", data.Items[0].Id);
    }
}
