using Hark.Data;
using YamlDotNet.RepresentationModel;

namespace Hark.Training.Configuration;

/// <summary>
/// Resolves the configuration of a new run: a named recipe from <see cref="RecipeCatalog"/> (or a YAML file, which
/// may name one under <c>base:</c>), then the file's keys, then each `--set key=value`, in that order;
/// every key and value is checked (<see cref="ConfigKeys"/>, <see cref="RunConfigChecks"/>) before any data is read.
/// </summary>
public static class ConfigResolver
{
    public static RunConfig Resolve(string? recipe, IEnumerable<string> overrides, string defaultRecipe)
    {
        var assignments = overrides.ToList();
        foreach (var assignment in assignments) ConfigKeys.CheckOverride(assignment);
        string baseName = defaultRecipe;
        YamlMappingNode? file = null;
        string origin = "--set";
        if (recipe is not null && (recipe.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || recipe.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)))
        {
            if (!File.Exists(recipe)) throw new ConfigException($"recipe file not found: {recipe}");
            origin = recipe;
            file = ParseMapping(File.ReadAllText(recipe), recipe);
            ConfigKeys.CheckFile(file, recipe);
            var baseKey = new YamlScalarNode("base");
            if (file.Children.TryGetValue(baseKey, out var named))
            {
                baseName = ((YamlScalarNode)named).Value ?? defaultRecipe;
                file.Children.Remove(baseKey);
            }
        }
        else if (recipe is not null)
        {
            baseName = recipe;
        }

        var merged = ParseMapping(ConfigYaml.Serialize(RecipeCatalog.Get(baseName)), $"recipe {baseName}");
        if (file is not null) Merge(merged, file);
        var text = new StringWriter();
        new YamlStream(new YamlDocument(merged)).Save(text, assignAnchors: false);
        var config = ConfigYaml.Deserialize<RunConfig>(text.ToString(), origin, assignments);
        RunConfigChecks.Validate(config);
        return config;
    }

    private static YamlMappingNode ParseMapping(string yaml, string origin)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlDotNet.Core.YamlException e) { throw new ConfigException($"{origin}:{e.Start.Line}: {e.Message}"); }
        if (stream.Documents.Count == 0) return new YamlMappingNode();
        return stream.Documents[0].RootNode as YamlMappingNode ?? throw new ConfigException($"{origin}: expected a mapping of keys at the top level");
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/>, descending into mappings present in both.</summary>
    private static void Merge(YamlMappingNode target, YamlMappingNode source)
    {
        foreach (var (key, value) in source.Children)
        {
            if (value is YamlMappingNode sourceChild && target.Children.TryGetValue(key, out var existing) && existing is YamlMappingNode targetChild)
                Merge(targetChild, sourceChild);
            else
                target.Children[key] = value;
        }
    }
}
