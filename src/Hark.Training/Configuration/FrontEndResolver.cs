using Hark.Data;
using System.Globalization;
using System.Text.Json.Nodes;
using Hark.Audio.Cropping;
using Hark.Audio.FrontEnds;
using Hark.Audio.Normalization;
using Hark.Audio.Spectral;
using Hark.Training.Configuration;

namespace Hark.Training.Configuration;

/// <summary>
/// Turns a run's <c>front_end:</c> section (a preset name plus snake_case overrides of any front-end parameter)
/// into a validated <see cref="FrontEndConfig"/>. Unknown keys are errors that list the known ones.
/// </summary>
public static class FrontEndResolver
{
    public static FrontEndConfig Resolve(IReadOnlyDictionary<string, object> section)
    {
        var presetName = section.TryGetValue("preset", out var p) ? Convert.ToString(p, CultureInfo.InvariantCulture)! : "seed-audio";
        if (!FrontEnd.PresetNames.Contains(presetName.ToLowerInvariant()))
            throw new ConfigException($"front_end.preset={presetName}: expected one of {string.Join(", ", FrontEnd.PresetNames)}");
        var preset = FrontEnd.Preset(presetName);
        var json = JsonNode.Parse(preset.ToJson())!.AsObject();
        foreach (var (key, value) in section)
        {
            if (key == "preset") continue;
            if (!json.ContainsKey(key))
                throw new ConfigException($"front_end.{key} is not a front-end parameter; known: preset, {string.Join(", ", json.Select(kv => kv.Key))}");
            json[key] = ToJson(value);
        }
        json["name"] = presetName;
        FrontEndConfig config;
        var presetJson = JsonNode.Parse(preset.ToJson())!.AsObject();
        try { config = FrontEndConfig.FromJson(json.ToJsonString(), "front_end"); }
        catch (FormatException e) when (e.InnerException is System.Text.Json.JsonException { Path: { Length: > 2 } path })
        {
            // Name the key and show the preset's own value as the shape expected, instead of the JSON reader's .NET type names.
            var key = path.TrimStart('$', '.');
            var top = key.Split('.', '[')[0];
            throw new ConfigException($"front_end.{key}={json[top]?.ToJsonString() ?? "null"}: not a valid value for this parameter (preset {presetName} has {top}: {presetJson[top]?.ToJsonString() ?? "null"})");
        }
        catch (FormatException e) { throw new ConfigException(e.Message); }
        try { config.Validate(); }
        catch (ArgumentException e) { throw new ConfigException($"front_end: {e.Message}"); }
        return config;
    }

    /// <summary>The resolved parameters as a section that <see cref="Resolve"/> reads back to the same config (written to config.yaml).</summary>
    public static Dictionary<string, object> ToSection(FrontEndConfig config)
    {
        var section = new Dictionary<string, object> { ["preset"] = config.Name };
        foreach (var (key, value) in JsonNode.Parse(config.ToJson())!.AsObject())
            if (key != "name" && value is not null) section[key] = FromJson(value);
        return section;
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        IDictionary<object, object> map => new JsonObject(map.Select(kv => KeyValuePair.Create(Convert.ToString(kv.Key, CultureInfo.InvariantCulture)!, ToJson(kv.Value)))),
        IDictionary<string, object> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, ToJson(kv.Value)))),
        IEnumerable<object> list => new JsonArray(list.Select(ToJson).ToArray()),
        string text when text is "null" or "~" => null,
        string text when bool.TryParse(text, out var flag) => JsonValue.Create(flag),
        string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) => JsonValue.Create(number),
        string text => JsonValue.Create(text),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static object FromJson(JsonNode node) => node switch
    {
        JsonObject map => map.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => FromJson(kv.Value!)),
        JsonArray list => list.Where(v => v is not null).Select(v => FromJson(v!)).ToList(),
        _ => node.ToJsonString().Trim('"'),
    };
}
