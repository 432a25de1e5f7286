namespace Hark.Data;

/// <summary>Thrown when a data source finds problems and the policy is <see cref="ProblemPolicy.Fail"/>; lists them with file and line.</summary>
public sealed class DataProblemsException : Exception
{
    public DataProblemsException(string source, IReadOnlyList<DataProblem> problems)
        : base(Describe(source, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<DataProblem> Problems { get; }

    private static string Describe(string source, IReadOnlyList<DataProblem> problems)
    {
        const int shown = 20;
        var lines = problems.Take(shown).Select(p => "  " + p);
        string more = problems.Count > shown ? $"\n  ... and {problems.Count - shown} more" : "";
        return $"{source}: {problems.Count} problem(s) (--skip-bad, or --set data.on_bad_input=skip, skips these rows and keeps the rest):\n{string.Join("\n", lines)}{more}";
    }
}
