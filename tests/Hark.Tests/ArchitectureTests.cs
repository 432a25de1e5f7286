using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Hark.Tests;

/// <summary>
/// The layer table of docs/architecture.md is the contract: every project under src/ is in it, its ProjectReferences
/// equal the table's "references" cell, and it references only projects listed above it. The README's layout table
/// names the same projects.
/// </summary>
public class ArchitectureTests
{
    private static readonly string Root = SharedData.RepositoryRoot;

    [Fact]
    public void ProjectReferencesEqualTheLayerTable()
    {
        var table = LayerTable();
        var projects = SourceProjects();
        Assert.Equal(table.Keys.Order(), projects.Keys.Order());
        foreach (var (name, references) in projects)
            Assert.True(table[name].References.SetEquals(references),
                $"{name}: docs/architecture.md says it references [{string.Join(", ", table[name].References.Order())}], " +
                $"its .csproj references [{string.Join(", ", references.Order())}]");
    }

    [Fact]
    public void NoProjectReferencesOneListedBelowIt()
    {
        var table = LayerTable();
        foreach (var (name, layer) in table)
            foreach (var reference in layer.References)
                Assert.True(table[reference].Order < layer.Order, $"{name} (row {layer.Order}) references {reference} (row {table[reference].Order}), a layer above it");
    }

    [Fact]
    public void OnlyServingUsesTheWebStack()
    {
        foreach (var (name, _) in SourceProjects())
        {
            bool web = File.ReadAllText(ProjectFile(name)).Contains("Microsoft.AspNetCore.App", StringComparison.Ordinal);
            Assert.True(web == (name == "Hark.Serving"), $"{name}: only Hark.Serving may reference Microsoft.AspNetCore.App");
        }
    }

    [Fact]
    public void ReadmeLayoutTableNamesEveryProject()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var listed = Regex.Matches(readme, @"^\| `src/([\w.]+)` \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(SourceProjects().Keys.Order(), listed.Order());
    }

    private sealed record Layer(int Order, HashSet<string> References);

    [Fact]
    public void TestMethodsAreNamedAsPascalCaseSentences()
    {
        var declaration = new System.Text.RegularExpressions.Regex(@"public (?:async Task|void) ([A-Za-z0-9]*_[A-Za-z0-9_]*)\(");
        var underscored = Directory.EnumerateFiles(Path.Combine(Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => declaration.Matches(File.ReadAllText(f)).Select(m => $"{Path.GetRelativePath(Root, f)}: {m.Groups[1].Value}"))
            .ToList();
        Assert.True(underscored.Count == 0, "test methods are named as PascalCase sentences (docs/architecture.md); these use underscores:\n" + string.Join("\n", underscored));
    }

    private static Dictionary<string, Layer> LayerTable()
    {
        var text = File.ReadAllText(Path.Combine(Root, "docs", "architecture.md"));
        var rows = Regex.Matches(text, @"^\| `(Hark[\w.]*)` \|[^|]*\| ([^|]*) \|$", RegexOptions.Multiline);
        Assert.NotEmpty(rows);
        return rows.Select((m, i) => (Name: m.Groups[1].Value, Layer: new Layer(i,
                Regex.Matches(m.Groups[2].Value, @"`(Hark[\w.]*)`").Select(r => r.Groups[1].Value).ToHashSet())))
            .ToDictionary(r => r.Name, r => r.Layer);
    }

    private static string ProjectFile(string name) => Path.Combine(Root, "src", name, name + ".csproj");

    private static Dictionary<string, HashSet<string>> SourceProjects() =>
        Directory.GetDirectories(Path.Combine(Root, "src"))
            .Select(Path.GetFileName)
            .Where(name => File.Exists(ProjectFile(name!)))
            .ToDictionary(name => name!, name => XDocument.Load(ProjectFile(name!)).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)).ToHashSet());
}
