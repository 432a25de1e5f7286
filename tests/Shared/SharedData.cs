namespace Hark.Testing;

/// <summary>
/// Locates the real datasets in ../shared/data beside the repository. CI has them; a fresh clone does not,
/// so tests that read them use <see cref="SharedDataFactAttribute"/> and skip with a message saying why.
/// </summary>
public static class SharedData
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Root => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    public static string PathOf(string dataset) => Path.Combine(Root, dataset);

    public static bool Has(string dataset) => Directory.Exists(PathOf(dataset));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Hark.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"Hark.slnx not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>A fact that runs only when ../shared/data/&lt;dataset&gt; exists, and otherwise is skipped with the reason.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string dataset)
    {
        if (!SharedData.Has(dataset))
            Skip = $"dataset '{dataset}' not found at {SharedData.PathOf(dataset)} (it sits in ../shared/data beside the clone on CI; a fresh clone has none)";
    }
}

/// <summary>The theory form of <see cref="SharedDataFactAttribute"/>.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute(string dataset)
    {
        if (!SharedData.Has(dataset))
            Skip = $"dataset '{dataset}' not found at {SharedData.PathOf(dataset)} (it sits in ../shared/data beside the clone on CI; a fresh clone has none)";
    }
}
