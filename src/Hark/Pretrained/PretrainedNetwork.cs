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
    public static Predictor Open(string weights, string model, string? labels)
    {
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
