namespace Hark.Data;

/// <summary>Something wrong with one row or file of a data source; <see cref="Line"/> is 1-based, 0 when the problem is a file rather than a line.</summary>
public sealed record DataProblem(string File, int Line, DataProblemKind Kind, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}
