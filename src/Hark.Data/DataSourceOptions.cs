namespace Hark.Data;

/// <summary>Options shared by the data sources.</summary>
public sealed record DataSourceOptions
{
    /// <summary>The class order to use (e.g. from a training run or a sample submission); labels outside it are problems. Null: built from the labels found.</summary>
    public LabelSpace? Labels { get; init; }

    /// <summary>Whether every referenced file must exist (a missing one is a problem).</summary>
    public bool CheckFilesExist { get; init; } = true;

    public ProblemPolicy OnProblem { get; init; } = ProblemPolicy.Fail;

    /// <summary>Folder that relative paths in a CSV are resolved against. Null: the CSV's own folder.</summary>
    public string? FilesRoot { get; init; }

    /// <summary>
    /// Folder every referenced file must lie in (<c>--data-root</c>); a path outside it is a problem and is never opened.
    /// Null: any path is read, and those outside the CSV's folder tree are listed in <see cref="Dataset.PathsOutsideFolder"/>.
    /// </summary>
    public string? DataRoot { get; init; }

    /// <summary>Column holding the group (e.g. speaker) for group-aware splits. Null: 'group' or 'speaker' when present.</summary>
    public string? GroupColumn { get; init; }
}
