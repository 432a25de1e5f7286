using Hark.Audio.FrontEnds;
using Hark.Data;
using Hark.Inference;
using Hark.Pretrained;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Hark.Onnx.Runtime;

/// <summary>
/// An ONNX audio model someone else exported (<c>--weights model.onnx --front-end PRESET [--labels CSV]</c>), run by
/// ONNX Runtime on the log-mel features of a Hark front-end preset. Its one input must take those features: rank 4,
/// one channel, the preset's mel bins either last (PANNs' [batch, 1, frames, mels]) or third (Hark's
/// [batch, 1, mels, frames]). Its scores are the output named <c>logits</c>, or sigmoid probabilities named
/// <c>clipwise_output</c> (PANNs) or <c>probabilities</c>; an output named <c>embedding</c> serves <c>hark embed</c>.
/// Predictions are per-class sigmoids (multi-label tagging, as AudioSet models are trained). Anything that does not fit
/// is refused naming the input or output, its shape and what was expected.
/// </summary>
public static class ForeignOnnxModel
{
    /// <summary>What a foreign model's architecture is called where Hark reports one (hark serve's /v1/model).</summary>
    public const string ForeignModelName = "onnx";

    private static readonly string[] ProbabilityOutputs = ["clipwise_output", "probabilities"];

    public static Predictor Open(string path, string frontEndPreset, string? labels)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such ONNX model", path);
        FrontEndConfig frontEnd;
        try { frontEnd = FrontEnd.Preset(frontEndPreset); }
        catch (ArgumentException e) { throw new ConfigException($"--front-end: {e.Message}"); }
        var session = OnnxRuntimeEngine.Session(File.ReadAllBytes(path), path);
        try
        {
            var signature = Discover(session, path, frontEnd);
            var classes = labels is null
                ? LabelSpace.FromNames(Enumerable.Range(0, signature.Classes).Select(i => $"class_{i}"))
                : AudioSetLabels.Read(labels, signature.Classes);
            var predictor = Predictor.ForModel(path, new OnnxRuntimeClassifier(session, signature, path), frontEnd, classes, multiLabel: true);
            predictor.Config.Model.Name = ForeignModelName;
            return predictor;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The signature of <paramref name="session"/>'s model fed <paramref name="frontEnd"/>'s features, or a <see cref="ConfigException"/> saying why it does not fit.</summary>
    internal static OnnxSignature Discover(InferenceSession session, string path, FrontEndConfig frontEnd)
    {
        var inputs = session.InputMetadata;
        if (inputs.Count != 1)
            throw new ConfigException($"{path}: the model has {inputs.Count} inputs ({Describe(inputs)}); Hark feeds a foreign model one log-mel input");
        var (inputName, input) = inputs.First();
        int mels = frontEnd.NMels;
        string expected = $"[batch, 1, frames, {mels}] or [batch, 1, {mels}, frames] (front end {frontEnd.Name}: {mels} mel bins)";
        if (!input.IsTensor || input.ElementDataType != TensorElementType.Float)
            throw new ConfigException($"{path}: input '{inputName}' is not a float32 tensor; expected log-mel features {expected}");
        var dims = input.Dimensions;
        if (dims.Length == 2)
            throw new ConfigException($"{path}: input '{inputName}' {Shape(dims)} looks like a waveform; Hark feeds foreign models the log-mel features of --front-end, so export the model from its log-mel input on: {expected}");
        if (dims.Length != 4 || dims[1] is not (1 or -1))
            throw new ConfigException($"{path}: input '{inputName}' is {Shape(dims)}; expected {expected}");
        bool melsLast = dims[3] == mels, melsThird = dims[2] == mels;
        if (!melsLast && !melsThird)
            throw new ConfigException($"{path}: input '{inputName}' is {Shape(dims)}; expected {expected}");

        var outputs = session.OutputMetadata;
        var (scores, probabilities) = outputs.ContainsKey("logits") ? ("logits", false)
            : ProbabilityOutputs.FirstOrDefault(outputs.ContainsKey) is string name ? (name, true)
            : throw new ConfigException($"{path}: no output named logits, {string.Join(" or ", ProbabilityOutputs)} among {Describe(outputs)}; Hark reads class scores from one of those names");
        int classes = Width(outputs[scores], scores, path);
        string? embedding = outputs.ContainsKey("embedding") ? "embedding" : null;
        int embeddingSize = embedding is null ? 0 : Width(outputs[embedding], embedding, path);
        // when both layouts fit (mels == frames fixed), the PANNs layout is the usual one for a foreign model
        return new OnnxSignature([inputName], FramesBeforeMels: melsLast, scores, probabilities, embedding, classes, embeddingSize);
    }

    private static int Width(NodeMetadata output, string name, string path) =>
        output.Dimensions is [_, int width] && width > 0
            ? width
            : throw new ConfigException($"{path}: output '{name}' is {Shape(output.Dimensions)}; expected [batch, N] with a fixed N");

    private static string Shape(int[] dims) => "[" + string.Join(", ", dims.Select(d => d < 0 ? "?" : d.ToString())) + "]";

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> values) =>
        string.Join(", ", values.Select(kv => $"'{kv.Key}' {Shape(kv.Value.Dimensions)}"));
}
