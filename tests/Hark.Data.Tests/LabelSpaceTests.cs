namespace Hark.Data.Tests;

public class LabelSpaceTests
{
    [Fact]
    public void IntegerLabelsSortNumericallyLikeLabelEncoder()
    {
        var space = LabelSpace.FromLabels(["10", "2", "0", "2", "1"]);
        Assert.Equal(["0", "1", "2", "10"], space.Names);
        Assert.Equal(3, space.IndexOf("10"));
    }

    [Fact]
    public void StringLabelsSortOrdinally()
    {
        var space = LabelSpace.FromLabels(["sadness", "anger", "Boredom", "anger"]);
        Assert.Equal(["Boredom", "anger", "sadness"], space.Names);
    }

    [Fact]
    public void SampleSubmissionColumnsFixTheOrder()
    {
        using var folder = new TempFolder();
        string path = folder.Write("sample_submission.csv", "fname,Zipper,Bark,Accordion\nx.wav,0,0,0\n");
        var space = LabelSpace.FromSampleSubmission(path);
        Assert.Equal(["Zipper", "Bark", "Accordion"], space.Names);
        Assert.Equal(1, space.IndexOf("Bark"));
    }

    [Fact]
    public void DuplicateClassInSampleSubmissionNamesFileAndLine()
    {
        using var folder = new TempFolder();
        string path = folder.Write("s.csv", "fname,a,b,a\n");
        var e = Assert.Throws<FormatException>(() => LabelSpace.FromSampleSubmission(path));
        Assert.Contains("s.csv:1", e.Message);
        Assert.Contains("'a' appears twice", e.Message);
    }

    [Fact]
    public void UnknownNameListsTheClasses()
    {
        var space = LabelSpace.FromNames(["cat", "dog"]);
        var e = Assert.Throws<KeyNotFoundException>(() => space.IndexOf("cow"));
        Assert.Contains("[cat, dog]", e.Message);
        Assert.False(space.TryGetIndex("cow", out _));
    }
}
