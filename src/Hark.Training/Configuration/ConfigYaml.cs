using Hark.Data;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Hark.Training.Configuration;

/// <summary>
/// Reads and writes configuration objects as snake_case YAML, and applies `--set a.b=value` overrides to the YAML
/// tree before binding, so an override is checked exactly like a key in the file. Unknown keys are errors naming
/// the file, line and key.
/// </summary>
public static class ConfigYaml
{
    private static readonly IDeserializer deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithEnumNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    private static readonly ISerializer serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithEnumNamingConvention(UnderscoredNamingConvention.Instance)
        .WithTypeInspector(inner => new SettablePropertiesOnly(inner))
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.Preserve)
        .Build();

    public static string Serialize<T>(T config) where T : notnull => serializer.Serialize(config);

    /// <summary>Binds <paramref name="yaml"/> (may be empty) plus overrides to a new <typeparamref name="T"/>; <paramref name="origin"/> names the text in errors.</summary>
    public static T Deserialize<T>(string yaml, string origin, IEnumerable<string>? overrides = null) where T : new()
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e) { throw new ConfigException($"{origin}:{e.Start.Line}: {e.Message}"); }
        var root = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode mapping ? mapping : new YamlMappingNode();
        foreach (var assignment in overrides ?? [])
            ApplyOverride(root, assignment);

        var text = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(text, assignAnchors: false);
        try
        {
            return deserializer.Deserialize<T>(text.ToString()) ?? new T();
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            throw new ConfigException($"{origin}: {reason} (at '{KeyAt(text.ToString(), (int)e.Start.Line)}')");
        }
    }

    /// <summary>Sets <c>a.b.c=value</c> in the tree, creating mappings on the way (also in place of a null, i.e. switched-off, section).</summary>
    public static void ApplyOverride(YamlMappingNode root, string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new ConfigException($"--set '{assignment}': expected key=value, e.g. recipe.epochs=40");
        var path = assignment[..eq].Trim().Split('.');
        var value = assignment[(eq + 1)..].Trim();
        var node = root;
        for (int i = 0; i < path.Length - 1; i++)
        {
            var key = new YamlScalarNode(path[i]);
            if (!node.Children.TryGetValue(key, out var child) || IsNull(child))
                node.Children[key] = child = new YamlMappingNode();
            node = child as YamlMappingNode
                ?? throw new ConfigException($"--set '{assignment}': '{string.Join('.', path[..(i + 1)])}' is a value, not a section");
        }
        node.Children[new YamlScalarNode(path[^1])] = ParseValue(value, assignment);
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Value: null or "" or "~" or "null" or "Null" or "NULL", Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) };

    private static YamlNode ParseValue(string value, string assignment)
    {
        if (value.StartsWith('[') || value.StartsWith('{'))
        {
            var stream = new YamlStream();
            try { stream.Load(new StringReader(value)); }
            catch (YamlException) { throw new ConfigException($"--set {assignment}: the value starts like a list or mapping but is not a valid one (write [1, 2] or {{key: value}})"); }
            return stream.Documents[0].RootNode;
        }
        return new YamlScalarNode(value);
    }

    private static string KeyAt(string yaml, int line)
    {
        var lines = yaml.Split('\n');
        return line >= 1 && line <= lines.Length ? lines[line - 1].Trim() : "?";
    }
}

/// <summary>Leaves computed (get-only) properties out of written YAML, so everything written can be read back.</summary>
internal sealed class SettablePropertiesOnly(YamlDotNet.Serialization.ITypeInspector inner) : YamlDotNet.Serialization.TypeInspectors.TypeInspectorSkeleton
{
    public override IEnumerable<IPropertyDescriptor> GetProperties(Type type, object? container) =>
        inner.GetProperties(type, container).Where(p => p.CanWrite);

    public override string GetEnumName(Type enumType, string name) => inner.GetEnumName(enumType, name);

    public override string GetEnumValue(object enumValue) => inner.GetEnumValue(enumValue);

    public override bool HasParseMethod(Type type) => inner.HasParseMethod(type);

    public override object? Parse(string value, Type type) => inner.Parse(value, type);
}
