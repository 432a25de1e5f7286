using System.Text.Json;

namespace Hark.Training.Runs;

/// <summary>
/// A run's class names in order, kept as a JSON array (<c>classes.json</c>) so that any name round-trips, newlines and
/// commas included. Runs written before it kept one name per line in <c>classes.txt</c>; those still load.
/// </summary>
public static class RunClasses
{
    public static void Write(RunDirectory run, IReadOnlyList<string> names) =>
        AtomicFile.WriteAllText(run.Classes, JsonSerializer.Serialize(names));

    public static IReadOnlyList<string> Read(RunDirectory run)
    {
        if (!File.Exists(run.Classes) && File.Exists(run.LegacyClasses))
            return File.ReadAllLines(run.LegacyClasses).Where(line => line.Length > 0).ToList();
        string[]? names;
        try { names = JsonSerializer.Deserialize<string[]>(File.ReadAllText(run.Classes)); }
        catch (JsonException e) { throw new FormatException($"{run.Classes}: expected a JSON array of class names ({e.Message})"); }
        if (names is null || names.Length == 0 || names.Any(string.IsNullOrEmpty))
            throw new FormatException($"{run.Classes}: expected a non-empty JSON array of non-empty class names");
        return names;
    }
}
