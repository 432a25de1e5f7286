namespace Hark.Workflows;

/// <summary>
/// `hark train --data D --out O [--recipe R] [--set k=v ...] [--overwrite]`, or `hark train --resume O`. An --out that
/// already holds a run is refused unless <paramref name="Overwrite"/> (see <see cref="RunOutput"/>).
/// </summary>
public sealed record TrainRequest(string? Data, string OutDir, string? Recipe, IReadOnlyList<string> Overrides, bool Resume, bool Overwrite = false);
