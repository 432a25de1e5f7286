namespace Hark.Data.Csv;

/// <summary>One record of a CSV file: its fields and the 1-based line on which the record starts.</summary>
public sealed record CsvRow(int Line, string[] Fields);
