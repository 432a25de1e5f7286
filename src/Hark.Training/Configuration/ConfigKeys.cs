using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Hark.Data;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization.NamingConventions;

namespace Hark.Training.Configuration;

/// <summary>
/// The keys a run's configuration takes, read from the configuration classes themselves (snake_case, as in
/// config.yaml). <see cref="CheckOverride"/> checks one `--set key=value` before it is applied: the key must exist
/// (an unknown one gets a "did you mean"), a section is not a value, and the value must parse as the key's type. So a
/// mistyped override fails at once, in words, instead of as a parser message with .NET type names.
/// </summary>
public static class ConfigKeys
{
    private static readonly IReadOnlyList<string> frontEndKeys =
        ["preset", .. JsonNode.Parse(Hark.Audio.FrontEnds.FrontEnd.SeedAudio.ToJson())!.AsObject().Select(kv => kv.Key).Where(k => k != "name")];

    /// <summary>Every settable key of a run's configuration, dotted (recipe.mix.mixup_alpha), sections included.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Walk(typeof(RunConfig), "")];

    /// <summary>Throws a <see cref="ConfigException"/> naming the override when its key or value cannot be used.</summary>
    public static void CheckOverride(string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new ConfigException($"--set '{assignment}': expected key=value, e.g. --set recipe.epochs=40");
        var key = assignment[..eq].Trim();
        var value = assignment[(eq + 1)..].Trim();
        var path = key.Split('.');
        var type = typeof(RunConfig);
        bool nullable = false;
        for (int i = 0; i < path.Length; i++)
        {
            string prefix = string.Join('.', path[..i]);
            if (IsFrontEndSection(type))
            {
                if (!frontEndKeys.Contains(path[i]))
                    throw new ConfigException($"--set {key}: front_end has no key '{path[i]}'{(ClosestName.Find(path[i], frontEndKeys) is { } near ? $" (did you mean front_end.{near}?)" : "")}; its keys: {string.Join(", ", frontEndKeys)}");
                return; // values are checked when the front end is resolved, with the preset's own parameter types
            }
            var property = Properties(type).FirstOrDefault(p => Name(p) == path[i]);
            if (property is null) throw new ConfigException(UnknownKey(key, prefix, path[i], type));
            type = property.PropertyType;
            nullable = new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable;
            if (i < path.Length - 1 && (IsScalar(type) || IsList(type)))
                throw new ConfigException($"--set {key}: {Join(prefix, path[i])} is a value, not a section; set it as --set {Join(prefix, path[i])}=...");
        }
        CheckValue(key, value, type, nullable);
        if (value.StartsWith('{') && !IsFrontEndSection(type)) CheckInlineMapping(key, value);
    }

    /// <summary>A section given whole (<c>recipe.mix={mixup_alpha: 0.2}</c>) has each of its keys checked as an override of its own.</summary>
    private static void CheckInlineMapping(string key, string value)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(value)); }
        catch (YamlDotNet.Core.YamlException) { throw new ConfigException($"--set {key}={value}: the value starts like a mapping but is not a valid one (write {{key: value}})"); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping) return;
        foreach (var (inner, scalar) in Scalars(mapping, key)) CheckOverride($"{inner}={scalar}");
    }

    /// <summary>Checks every key and scalar value of a recipe file as <see cref="CheckOverride"/> checks an override (the base: key excepted).</summary>
    public static void CheckFile(YamlMappingNode file, string origin)
    {
        foreach (var (key, value) in Scalars(file, ""))
        {
            if (key == "base") continue;
            try { CheckOverride($"{key}={value}"); }
            catch (ConfigException e) { throw new ConfigException($"{origin}: {e.Message.Replace("--set ", "")}"); }
        }
    }

    private static IEnumerable<(string Key, string Value)> Scalars(YamlMappingNode mapping, string prefix)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            string key = Join(prefix, ((YamlScalarNode)keyNode).Value ?? "");
            if (valueNode is YamlMappingNode inner && !key.StartsWith("front_end.", StringComparison.Ordinal))
                foreach (var pair in Scalars(inner, key)) yield return pair;
            else if (valueNode is YamlScalarNode scalar) yield return (key, string.IsNullOrEmpty(scalar.Value) ? "null" : scalar.Value);
        }
    }

    private static string UnknownKey(string key, string prefix, string name, Type section)
    {
        var siblings = Properties(section).Select(Name).ToList();
        var hint = ClosestName.Find(name, siblings) is { } near ? $" (did you mean {Join(prefix, near)}?)"
            : All.FirstOrDefault(k => k.EndsWith("." + name, StringComparison.Ordinal)) is { } elsewhere ? $" (did you mean {elsewhere}?)"
            : ClosestName.Hint(key, All);
        string where = prefix.Length == 0 ? "the configuration has" : $"{prefix} has";
        return $"--set {key}: unknown key{hint}; {where} {string.Join(", ", siblings)}";
    }

    private static void CheckValue(string key, string value, Type type, bool nullable)
    {
        if (value is "null" or "~" && nullable) return;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value.Length == 0 && target != typeof(string))
            throw new ConfigException($"--set {key}=: no value after '='{(nullable ? $"; write --set {key}=null to switch it off" : "")}");
        string? expected = target switch
        {
            _ when IsScalar(target) && (value.StartsWith('[') || value.StartsWith('{')) => "a single value, not a list or mapping",
            _ when target == typeof(string) => null,
            _ when target == typeof(bool) => bool.TryParse(value, out _) ? null : "true or false",
            _ when target == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : "a whole number",
            _ when target == typeof(long) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : "a whole number",
            _ when target == typeof(ulong) => ulong.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : "a whole number >= 0",
            _ when target == typeof(float) || target == typeof(double) =>
                double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? null : "a number",
            _ when target.IsEnum => EnumNames(target).Contains(value)
                ? null : "one of " + string.Join(", ", EnumNames(target)) + ClosestName.Hint(value, EnumNames(target)),
            _ when IsList(target) => value.StartsWith('[') ? null : "a list such as [1, 64, 101]",
            _ => value.StartsWith('{') ? null : $"keys of its own: set one of them, e.g. --set {key}.{SectionKeys(target)[0]}=... "
                 + $"(keys: {string.Join(", ", SectionKeys(target))}){(nullable ? ", or null to switch it off" : "")}",
        };
        if (expected is not null)
            throw new ConfigException(target.IsClass && target != typeof(string) && !IsList(target)
                ? $"--set {key}={value}: {key} is a section with {expected}"
                : $"--set {key}={value}: {key} expects {expected}, got '{value}'");
    }

    // Enum values as YAML spells them (ConfigYaml binds enums by their snake_case names: MeanMax is mean_max).
    private static List<string> EnumNames(Type type) => [.. Enum.GetNames(type).Select(UnderscoredNamingConvention.Instance.Apply)];

    private static IEnumerable<string> Walk(Type type, string prefix)
    {
        foreach (var property in Properties(type))
        {
            string key = Join(prefix, Name(property));
            yield return key;
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsFrontEndSection(target))
                foreach (var frontEndKey in frontEndKeys) yield return $"{key}.{frontEndKey}";
            else if (!IsScalar(target) && !IsList(target))
                foreach (var inner in Walk(target, key)) yield return inner;
        }
    }

    private static IReadOnlyList<string> SectionKeys(Type section) => IsFrontEndSection(section) ? frontEndKeys : [.. Properties(section).Select(Name)];

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0);

    private static string Name(PropertyInfo property) => UnderscoredNamingConvention.Instance.Apply(property.Name);

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

    private static bool IsFrontEndSection(Type type) => typeof(IDictionary<string, object>).IsAssignableFrom(type);

    private static bool IsList(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && !IsFrontEndSection(type);

    private static bool IsScalar(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target.IsPrimitive || target.IsEnum || target == typeof(string) || target == typeof(decimal);
    }
}
