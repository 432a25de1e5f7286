using System.Text.Json;
using Hark.Audio.FrontEnds;

namespace Hark.Onnx;

/// <summary>
/// What an exported file says about itself in ONNX's metadata_props, so a file carries everything prediction needs:
/// <c>hark.classes</c> (JSON array of class names, in output order), <c>hark.multi_label</c> (probabilities are
/// sigmoids when true, a softmax otherwise), <c>hark.front_end</c> (the run's front end as JSON,
/// <see cref="FrontEndConfig.ToJson"/>), <c>hark.sample_rate</c>, <c>hark.clip_seconds</c> (empty when clips keep
/// their length), <c>hark.input</c> (<c>features</c> or <c>waveform</c>), <c>hark.model</c> and <c>hark.version</c>.
/// </summary>
public sealed record OnnxMetadata(IReadOnlyList<string> Classes, bool MultiLabel, FrontEndConfig FrontEnd, string Input, string Model, string Version)
{
    public const string ClassesKey = "hark.classes";
    public const string MultiLabelKey = "hark.multi_label";
    public const string FrontEndKey = "hark.front_end";
    public const string SampleRateKey = "hark.sample_rate";
    public const string ClipSecondsKey = "hark.clip_seconds";
    public const string InputKey = "hark.input";
    public const string ModelKey = "hark.model";
    public const string VersionKey = "hark.version";

    public IReadOnlyDictionary<string, string> ToProperties() => new Dictionary<string, string>
    {
        [ClassesKey] = JsonSerializer.Serialize(Classes),
        [MultiLabelKey] = MultiLabel ? "true" : "false",
        [FrontEndKey] = FrontEnd.ToJson(),
        [SampleRateKey] = FrontEnd.SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [ClipSecondsKey] = FrontEnd.Length?.Seconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        [InputKey] = Input,
        [ModelKey] = Model,
        [VersionKey] = Version,
    };

    /// <summary>The metadata of a file Hark exported, or null when <paramref name="properties"/> lacks Hark's keys (a foreign model).</summary>
    public static OnnxMetadata? FromProperties(IReadOnlyDictionary<string, string> properties, string source)
    {
        if (!properties.TryGetValue(ClassesKey, out var classes) || !properties.TryGetValue(FrontEndKey, out var frontEnd)) return null;
        string Get(string key) => properties.TryGetValue(key, out var value)
            ? value
            : throw new InvalidDataException($"{source}: Hark metadata without '{key}' (the file was edited or written by another tool)");
        List<string> names;
        try { names = JsonSerializer.Deserialize<List<string>>(classes) ?? throw new JsonException("null"); }
        catch (JsonException e) { throw new InvalidDataException($"{source}: metadata '{ClassesKey}' is not a JSON array of class names ({e.Message})"); }
        return new OnnxMetadata(names, Get(MultiLabelKey) == "true", FrontEndConfig.FromJson(frontEnd, $"{source} metadata '{FrontEndKey}'"),
            Get(InputKey), Get(ModelKey), Get(VersionKey));
    }
}
