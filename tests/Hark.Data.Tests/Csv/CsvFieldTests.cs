using Hark.Data.Csv;

namespace Hark.Data.Tests.Csv;

public class CsvFieldTests
{
    [Theory]
    [InlineData("dog", "dog")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=cmd|calc", "\"=cmd|calc\"")]
    [InlineData("+1", "\"+1\"")]
    [InlineData("-x", "\"-x\"")]
    [InlineData("@SUM(A1)", "\"@SUM(A1)\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void QuotesSeparatorsQuotesLineBreaksAndFormulaStarts(string text, string cell) => Assert.Equal(cell, CsvField.Escape(text));

    [Theory]
    [InlineData("=cmd|calc")]
    [InlineData("two\nlines, \"quoted\"")]
    public void AnEscapedCellReadsBackAsTheSameText(string text)
    {
        var table = CsvReader.ReadText($"id,label\nx,{CsvField.Escape(text)}\n");
        Assert.Equal(text, table.Rows.Single().Fields[1]);
    }
}
