using System.Collections.Concurrent;
using Hark.Data;
using Hark.Models;

namespace Hark.Inference;

/// <summary>
/// Which engine runs a predictor's model (<c>--engine</c>): Hark's own (<see cref="Hark"/>), or one a layer above
/// registers, such as ONNX Runtime (Hark.Onnx registers <c>onnxruntime</c>), so the core library needs no runtime of
/// another engine. An engine gets the run loaded by Hark (classes, front end, weights) and returns the model that
/// replaces Hark's; it may also open model files of its own format (an .onnx file in place of a run directory).
/// </summary>
public static class InferenceEngines
{
    public const string Hark = "hark";

    private static readonly ConcurrentDictionary<string, Func<Predictor, AudioClassifier>> engines = new();
    private static readonly ConcurrentDictionary<string, Func<string, Predictor>> fileFormats = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, Func<string, string, string?, Predictor>> foreignFormats = new(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> Names => [Hark, .. engines.Keys.Order()];

    /// <summary>Registers engine <paramref name="name"/>: <paramref name="replace"/> builds its model for a loaded run.</summary>
    public static void Register(string name, Func<Predictor, AudioClassifier> replace) => engines[name] = replace;

    /// <summary>Registers files ending in <paramref name="extension"/> (".onnx") as something <see cref="Load"/> opens in place of a run.</summary>
    public static void RegisterFileFormat(string extension, Func<string, Predictor> open) => fileFormats[extension] = open;

    /// <summary>
    /// Registers files ending in <paramref name="extension"/> as foreign models <see cref="OpenForeign"/> opens:
    /// <paramref name="open"/> gets the file, a front-end preset name and an optional labels CSV.
    /// </summary>
    public static void RegisterForeignFormat(string extension, Func<string, string, string?, Predictor> open) => foreignFormats[extension] = open;

    /// <summary>A model file of a registered foreign format fed the features of front-end preset <paramref name="frontEnd"/>.</summary>
    public static Predictor OpenForeign(string path, string frontEnd, string? labels) =>
        foreignFormats.TryGetValue(Path.GetExtension(path), out var open)
            ? open(path, frontEnd, labels)
            : throw new ConfigException($"{path}: --front-end goes with a foreign model file ({(foreignFormats.IsEmpty ? "none can be opened here" : string.Join(", ", foreignFormats.Keys.Order()))}); a PANNs checkpoint takes --model instead");

    /// <summary>
    /// A run directory loaded with <paramref name="engine"/>'s model, or a model file of a registered format (which
    /// its own engine runs; <paramref name="engine"/> must then be that engine or Hark's default).
    /// </summary>
    public static Predictor Load(string runOrFile, string engine = Hark)
    {
        if (File.Exists(runOrFile) && fileFormats.TryGetValue(Path.GetExtension(runOrFile), out var open)) return open(runOrFile);
        return Use(Predictor.Load(runOrFile), engine);
    }

    /// <summary><paramref name="predictor"/> with its model run by <paramref name="engine"/>.</summary>
    public static Predictor Use(Predictor predictor, string engine)
    {
        if (engine == Hark) return predictor;
        if (!engines.TryGetValue(engine, out var replace))
            throw new ConfigException($"--engine {engine}: unknown engine; known: {string.Join(", ", Names)}");
        return predictor.WithModel(replace(predictor));
    }
}
