using Hark.Data;
using Hark.Inference;
using Hark.Models;
using Hark.Onnx.Export;
using Hark.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Hark.Onnx.Runtime;

/// <summary>
/// <c>--engine onnxruntime</c>: a run's model exported in memory (<see cref="OnnxExport"/>) and run by ONNX Runtime
/// (CPU execution provider, or CUDA on <c>--device cuda</c>: <see cref="ExecutionProvider"/>), and <c>.onnx</c> files Hark exported opened in place of a run directory. <see cref="Register"/>
/// adds both to <see cref="InferenceEngines"/>; the hark command does so at start.
/// </summary>
public static class OnnxRuntimeEngine
{
    public const string Name = "onnxruntime";

    public static void Register()
    {
        InferenceEngines.Register(Name, predictor => Classifier(OnnxExport.ToBytes(predictor), predictor.Run.Path, HarkSignature(predictor.Model.InputCount, predictor.Model.ClassCount, predictor.Model.EmbeddingSize)));
        InferenceEngines.RegisterFileFormat(".onnx", Open);
        InferenceEngines.RegisterForeignFormat(".onnx", ForeignOnnxModel.Open);
    }

    /// <summary>An .onnx file Hark exported, ready to predict and embed with the classes and front end its metadata records.</summary>
    public static Predictor Open(string path)
    {
        var session = Session(File.ReadAllBytes(path), path);
        var metadata = OnnxMetadata.FromProperties(session.ModelMetadata.CustomMetadataMap, path);
        if (metadata is null)
        {
            session.Dispose();
            throw new ConfigException($"{path}: an ONNX model without Hark's metadata (hark.classes, hark.front_end); run a foreign model with --weights {path} --front-end PRESET [--labels CSV]");
        }
        if (metadata.Input != "features")
            throw new ConfigException($"{path}: takes {metadata.Input}, and Hark feeds exported files features; export the run without --with-front-end to run it here");
        int inputs = session.InputNames.Count;
        var logits = session.OutputMetadata.TryGetValue("logits", out var l) ? l.Dimensions[^1] : throw new InvalidDataException($"{path}: Hark metadata but no 'logits' output");
        var embedding = session.OutputMetadata.TryGetValue("embedding", out var e) ? e.Dimensions[^1] : throw new InvalidDataException($"{path}: Hark metadata but no 'embedding' output");
        if (logits != metadata.Classes.Count)
            throw new InvalidDataException($"{path}: 'logits' has {logits} classes, the metadata names {metadata.Classes.Count}");
        var classifier = new OnnxRuntimeClassifier(session, HarkSignature(inputs, logits, embedding), path);
        var predictor = Predictor.ForModel(path, classifier, metadata.FrontEnd, LabelSpace.FromNames(metadata.Classes), metadata.MultiLabel);
        predictor.Config.Model.Name = metadata.Model;
        return predictor;
    }

    /// <summary>A session on <see cref="ExecutionProvider"/>'s provider; a file ONNX Runtime cannot load is named with its reason.</summary>
    internal static InferenceSession Session(byte[] model, string source)
    {
        using var options = ExecutionProvider(ComputeDevice.Current);
        try { return new InferenceSession(model, options); }
        catch (OnnxRuntimeException e) { throw new InvalidDataException($"{source}: ONNX Runtime cannot load it: {e.Message}"); }
    }

    /// <summary>
    /// The execution provider follows the device the process runs on (<c>--device</c>): ONNX Runtime's CUDA provider on
    /// GPU N for <c>cuda:N</c>, which the Microsoft.ML.OnnxRuntime.Gpu package carries (ONNX Runtime falls back to the
    /// CPU for operators it lacks), otherwise the CPU provider. An ONNX Runtime without the CUDA provider is refused
    /// rather than run on the CPU unannounced.
    /// </summary>
    public static SessionOptions ExecutionProvider(Device device)
    {
        var options = new SessionOptions();
        if (device.Type != "cuda") return options;
        try
        {
            options.AppendExecutionProvider_CUDA(device.Index);
            return options;
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            options.Dispose();
            throw new ConfigException($"--engine {Name} on {device}: this ONNX Runtime has no CUDA execution provider ({e.Message.Split('\n')[0].Trim()}); run with --device cpu, or use ONNX Runtime's GPU package (Microsoft.ML.OnnxRuntime.Gpu) in place of Microsoft.ML.OnnxRuntime");
        }
    }

    private static OnnxRuntimeClassifier Classifier(byte[] model, string source, OnnxSignature signature) => new(Session(model, source), signature, source);

    private static OnnxSignature HarkSignature(int inputs, int classes, int embedding) =>
        new(inputs == 1 ? ["features"] : [.. Enumerable.Range(0, inputs).Select(i => $"features_{i}")], FramesBeforeMels: false, "logits", ScoresAreProbabilities: false, "embedding", classes, embedding);
}
