namespace Hark.Data.Csv;

/// <summary>Writes one text cell of a CSV file that Hark produces.</summary>
public static class CsvField
{
    /// <summary>
    /// <paramref name="text"/> as a CSV cell: quoted (with quotes doubled) when it holds a comma, quote or line break,
    /// and also when it starts with <c>= + - @</c>, so that a spreadsheet opening the file shows a label such as
    /// <c>=cmd|calc</c> as text instead of evaluating it as a formula.
    /// </summary>
    public static string Escape(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 || (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
            ? "\"" + text.Replace("\"", "\"\"") + "\""
            : text;
}
