using Hark.Data;
using Hark.Models;
using Hark.Nn;
using Hark.Tensors;
using Hark.Training.Configuration;

namespace Hark.Training.Loop;

/// <summary>
/// <c>model.pretrained</c>: the checkpoint a new run starts from (PANNs' for the PANNs models, torchvision's for
/// resnet50 and efficientnet-v2-*). <see cref="Read"/> checks it fits <c>model.name</c> and sizes the model config
/// after it; <see cref="Load"/> then copies its body into the freshly built model and says what was replaced: the
/// head, built for the data's classes.
/// </summary>
public static class PretrainedBody
{
    /// <summary>The checkpoint of <paramref name="config"/>.Pretrained (null when unset), with the config's unset sizes taken from it.</summary>
    public static IPretrainedCheckpoint? Read(ModelConfig config)
    {
        if (config.Pretrained is null) return null;
        if (ModelZoo.IsImageNetBackbone(config.Name))
        {
            var backbone = BackboneCheckpoint.Read(config.Pretrained);
            try { backbone.Configure(config); }
            catch (ArgumentException e) { throw new ConfigException($"model.pretrained: {e.Message}"); }
            return backbone;
        }
        var checkpoint = PannsCheckpoint.Read(config.Pretrained);
        try { checkpoint.RequireModel(config.Name); }
        catch (ArgumentException e) { throw new ConfigException($"model.pretrained: {e.Message}"); }
        config.Width ??= checkpoint.Width;
        config.EmbeddingSize ??= checkpoint.EmbeddingSize;
        return checkpoint;
    }

    /// <summary>Loads the checkpoint's body into <paramref name="model"/>, keeping the model's new head; reports what was loaded and what was not.</summary>
    public static void Load(IPretrainedCheckpoint checkpoint, AudioClassifier model, Action<string> report)
    {
        StateDictLoadResult result;
        try { result = checkpoint.LoadBody(model); }
        catch (ArgumentException e) { throw new ConfigException($"model.pretrained: {e.Message}"); }
        var own = model.StateDict();
        var replaced = checkpoint.Tensors.Where(kv => model.IsHeadParameter(kv.Key)).Select(kv => Describe(kv.Key, kv.Value)).ToList();
        var skipped = checkpoint.Tensors.Count(kv => PannsClassifier.PannsFrontEndPrefixes.Any(prefix => kv.Key.StartsWith(prefix, StringComparison.Ordinal)));
        int loaded = own.Count - result.MissingKeys.Count;
        report($"pretrained {checkpoint.Path}: body loaded ({loaded} tensors); head replaced for {model.ClassCount} classes: "
            + $"missing keys (new): {string.Join(", ", result.MissingKeys.Select(k => Describe(k, own[k])))}; "
            + $"unexpected keys (not loaded): {(replaced.Count == 0 ? "none" : string.Join(", ", replaced))}"
            + (skipped > 0 ? $"; {skipped} extractor tensors skipped (Hark's front end replaces them)" : ""));
    }

    private static string Describe(string key, Tensor tensor) => $"{key} {ShapeException.Format(tensor.Shape)}";
}
