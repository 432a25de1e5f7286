using Hark.Data.Csv;

namespace Hark.Data.Tests.Csv;

public class CsvReaderTests
{
    [Fact]
    public void QuotedFieldsHoldCommasQuotesAndLineBreaks()
    {
        var table = CsvReader.ReadText("fname,labels\r\na.wav,\"Bark,Walk\"\r\n\"b \"\"x\"\".wav\",\"one\ntwo\"\r\nc.wav,\"\"\r\n");
        Assert.Equal(["fname", "labels"], table.Header);
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(["a.wav", "Bark,Walk"], table.Rows[0].Fields);
        Assert.Equal(["b \"x\".wav", "one\ntwo"], table.Rows[1].Fields);
        Assert.Equal(["c.wav", ""], table.Rows[2].Fields);
        Assert.Equal([2, 3, 5], table.Rows.Select(r => r.Line));
    }

    [Fact]
    public void ByteOrderMarkAndBlankLinesAndMissingFinalNewline()
    {
        var table = CsvReader.ReadText("\uFEFFpath,label\n\na.wav,0\n\nb.wav,1");
        Assert.Equal("path", table.Header[0]);
        Assert.Equal([3, 5], table.Rows.Select(r => r.Line));
        Assert.Equal(["b.wav", "1"], table.Rows[1].Fields);
    }

    [Fact]
    public void ByteOrderMarkFromFileIsRemoved()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Root, "m.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "id,target\r\n1,a\r\n"u8.ToArray()]);
        var table = CsvReader.ReadFile(path);
        Assert.Equal(["id", "target"], table.Header);
        Assert.Equal(0, table.ColumnIndex("id"));
    }

    [Fact]
    public void EmptyTrailingFieldsAreKept()
    {
        var table = CsvReader.ReadText("a,b,c\n1,,\n");
        Assert.Equal(["1", "", ""], table.Rows[0].Fields);
    }

    [Fact]
    public void UnterminatedQuoteNamesTheLineWhereItOpened()
    {
        var e = Assert.Throws<FormatException>(() => CsvReader.ReadText("a,b\n1,2\n3,\"open\nmore\n", "m.csv"));
        Assert.Contains("m.csv:3", e.Message);
    }

    [Fact]
    public void TextAfterClosingQuoteIsAnError()
    {
        var e = Assert.Throws<FormatException>(() => CsvReader.ReadText("a,b\n\"x\"y,2\n", "m.csv"));
        Assert.Contains("m.csv:2", e.Message);
    }

    [Fact]
    public void MissingRequiredColumnNamesTheHeader()
    {
        var table = CsvReader.ReadText("file_name,cls\nx,1\n", "m.csv");
        var e = Assert.Throws<FormatException>(() => table.RequireColumn("path", "fname"));
        Assert.Contains("m.csv:1", e.Message);
        Assert.Contains("file_name,cls", e.Message);
    }
}
