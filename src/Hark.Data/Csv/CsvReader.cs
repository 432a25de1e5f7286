using System.Text;

namespace Hark.Data.Csv;

/// <summary>
/// A small RFC 4180 reader: comma-separated fields, double-quoted fields that may hold commas, line breaks and doubled
/// quotes, CRLF or LF line ends, an optional UTF-8 byte-order mark. Lines that are entirely empty are not records.
/// Malformed quoting throws a <see cref="FormatException"/> naming the file and line.
/// </summary>
public static class CsvReader
{
    public static CsvTable ReadFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"CSV file not found: {path}", path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    /// <summary>Parses CSV text; <paramref name="sourceName"/> is used in messages.</summary>
    public static CsvTable ReadText(string text, string sourceName = "<text>")
    {
        using var reader = new StringReader(text);
        return Read(reader, sourceName);
    }

    public static CsvTable Read(TextReader reader, string sourceName)
    {
        var records = ParseRecords(reader.ReadToEnd(), sourceName);
        if (records.Count == 0) throw new FormatException($"{sourceName}:1: expected a header line, got an empty file");
        var header = records[0].Fields;
        if (header.Length > 0 && header[0].Length > 0 && header[0][0] == '\uFEFF') header[0] = header[0][1..];
        return new CsvTable(sourceName, header, records.Skip(1).ToList());
    }

    private static List<CsvRow> ParseRecords(string text, string sourceName)
    {
        var rows = new List<CsvRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1;
        int i = 0;
        bool recordHasContent = false;
        if (text.Length > 0 && text[0] == '\uFEFF') i = 1;

        void EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            if (recordHasContent || fields.Count > 1) rows.Add(new CsvRow(recordLine, fields.ToArray()));
            fields.Clear();
            recordHasContent = false;
        }

        while (i < text.Length)
        {
            char c = text[i];
            if (c == '"' && field.Length == 0 && !FieldStartedUnquoted(text, i))
            {
                int quoteLine = line;
                i++;
                recordHasContent = true;
                while (true)
                {
                    if (i >= text.Length)
                        throw new FormatException($"{sourceName}:{quoteLine}: expected a closing quote for the field opened here, got end of file");
                    char q = text[i];
                    if (q == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (q == '\n') line++;
                    field.Append(q);
                    i++;
                }
                if (i < text.Length && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
                    throw new FormatException($"{sourceName}:{line}: expected ',' or a line end after a closing quote, got '{text[i]}'");
                continue;
            }
            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                recordHasContent = true;
                i++;
                continue;
            }
            if (c == '\r' || c == '\n')
            {
                EndRecord();
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                i++;
                line++;
                recordLine = line;
                continue;
            }
            field.Append(c);
            recordHasContent = true;
            i++;
        }
        if (recordHasContent || fields.Count > 0 || field.Length > 0) EndRecord();
        return rows;
    }

    // A quote opens a quoted field only at the start of a field; inside an unquoted field it is literal text.
    private static bool FieldStartedUnquoted(string text, int i) => i > 0 && text[i - 1] != ',' && text[i - 1] != '\n' && text[i - 1] != '\r' && text[i - 1] != '\uFEFF';
}
