using Hark.Audio.FrontEnds;
using Hark.Data;
using Hark.Inference;
using Hark.Models;
using Hark.Tensors;

namespace Hark.Pretrained;

/// <summary>
/// <c>--weights W.pth --model NAME [--labels CSV]</c>: a PANNs checkpoint as released (or any file with PANNs' keys)
/// loaded into the named network, sized by the checkpoint, behind PANNs' own front end (panns32k, panns16k for
/// cnn14-16k), ready to tag (sigmoid per class, as PANNs trains AudioSet) and embed like a trained run.
/// </summary>
public static class PretrainedNetwork
{
    /// <summary>
    /// <paramref name="weights"/> as a PANNs checkpoint of network <paramref name="model"/>, or, with
    /// <paramref name="frontEndPreset"/> (a preset name) instead, as a foreign model file another engine opens (an .onnx).
    /// </summary>
    public static Predictor Open(string weights, string? model, string? labels, string? frontEndPreset = null)
    {
        if (frontEndPreset is not null)
        {
            if (model is not null) throw new ConfigException($"{weights}: give --model for a PANNs checkpoint or --front-end for a foreign (ONNX) model, not both");
            return InferenceEngines.OpenForeign(weights, frontEndPreset, labels);
        }
        if (model is null) throw new ConfigException($"{weights}: needs --model NAME for a PANNs checkpoint, or --front-end PRESET for a foreign (ONNX) model");
        var checkpoint = PannsCheckpoint.Read(weights);
        PannsClassifier network;
        try { network = checkpoint.Build(model, classes: null, new Generator(0)); }
        catch (ArgumentException e) { throw new ConfigException(e.Message); }
        var frontEnd = FrontEnd.Preset(ModelZoo.FrontEndPreset(model)!);
        if (frontEnd.NMels != checkpoint.MelBins)
            throw new ConfigException($"{weights}: bn0 has {checkpoint.MelBins} mel bins, but {model}'s front end ({frontEnd.Name}) computes {frontEnd.NMels}");
        var classes = labels is null
            ? LabelSpace.FromNames(Enumerable.Range(0, checkpoint.Classes).Select(i => $"class_{i}"))
            : AudioSetLabels.Read(labels, checkpoint.Classes);
        return Predictor.ForModel(weights, network, frontEnd, classes, multiLabel: true);
    }
}
