namespace Hark.Workflows;

/// <summary>`hark train --data D --out O [--recipe R] [--set k=v ...]`, or `hark train --resume O`.</summary>
public sealed record TrainRequest(string? Data, string OutDir, string? Recipe, IReadOnlyList<string> Overrides, bool Resume);
