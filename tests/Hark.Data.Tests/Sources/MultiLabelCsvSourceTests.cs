using Hark.Data.Sources;

namespace Hark.Data.Tests.Sources;

public class MultiLabelCsvSourceTests
{
    [Fact]
    public void KaggleFormatWithQuotedCommaAndSemicolonLabelsInSampleSubmissionOrder()
    {
        using var folder = new TempFolder();
        folder.Write("a.wav");
        folder.Write("b.wav");
        folder.Write("c.wav");
        string csv = folder.Write("train_curated.csv", "fname,labels\na.wav,\"Bark,Walk\"\nb.wav,Walk;Accordion\nc.wav,Bark\n");
        string sample = folder.Write("sample_submission.csv", "fname,Walk,Bark,Accordion\n");
        var data = MultiLabelCsvSource.Load(csv, new DataSourceOptions { Labels = LabelSpace.FromSampleSubmission(sample) });
        Assert.Equal(LabelKind.MultiLabel, data.Kind);
        Assert.Equal([[0, 1], [0, 2], [1]], data.Items.Select(i => i.Labels));
        var hot = data.MultiHot();
        Assert.Equal([true, false, true], hot[1]);
    }

    [Fact]
    public void EmptyLabelsAndEmptyNamesAreProblems()
    {
        using var folder = new TempFolder();
        folder.Write("a.wav");
        folder.Write("b.wav");
        string csv = folder.Write("m.csv", "path,labels,split\na.wav,,train\nb.wav,\"1,,2\",train\n");
        var data = MultiLabelCsvSource.Load(csv, new DataSourceOptions { OnProblem = ProblemPolicy.SkipAndReport });
        Assert.Empty(data.Items);
        Assert.Equal([2, 3], data.Problems.Select(p => p.Line));
        Assert.All(data.Problems, p => Assert.Equal(DataProblemKind.EmptyLabel, p.Kind));
    }

    [Fact]
    public void OpenDetectsTheFormatFromTheHeader()
    {
        using var folder = new TempFolder();
        folder.Write("a.wav");
        string multi = folder.Write("m.csv", "path,labels,split\na.wav,\"1,2\",train\n");
        string single = folder.Write("s.csv", "path,label,split\na.wav,1,train\n");
        Assert.Equal(LabelKind.MultiLabel, DataSource.Open(multi).Kind);
        Assert.Equal(LabelKind.SingleLabel, DataSource.Open(single).Kind);
    }
}
