using System.Reflection;
using Google.Protobuf;
using Hark.Inference;
using Hark.Models;
using Hark.Onnx.Format;

namespace Hark.Onnx.Export;

/// <summary>What <see cref="OnnxExport.Export(string, string, bool)"/> wrote: the file, its inputs and outputs, the op types it uses and its size.</summary>
public sealed record OnnxExportSummary(string Path, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyList<string> OpTypes, long Bytes);

/// <summary>
/// `hark export RUN --out model.onnx`: a trained run (or any <see cref="Predictor"/>) as one ONNX file (opset
/// <see cref="Opset"/>, IR version <see cref="IrVersion"/>). Input: the normalised features as Hark's batches hold them,
/// <c>features</c> [batch, channels, mels, frames] (a model with several inputs: <c>features_0</c>, <c>features_1</c>,
/// ...; batch and frames are dynamic). Outputs: <c>logits</c> [batch, classes], <c>probabilities</c> (softmax, or
/// sigmoid for a multi-label run) and <c>embedding</c> [batch, embedding], as Hark's Forward and Embed compute them
/// in evaluation mode; <c>classes</c> (string [classes]) and <c>sample_rate</c> (int64 [1]) repeat the metadata as
/// constant outputs. The metadata (<see cref="OnnxMetadata"/>) carries the classes and the front end. With the front
/// end in the graph (<c>--with-front-end</c>, metadata input <c>waveform</c>) the input is instead <c>waveform</c>
/// [batch, samples], mono float32 at the run's sample rate, and <see cref="FrontEndEmitter"/> computes the features.
/// </summary>
public static class OnnxExport
{
    public const int Opset = 17;
    public const int IrVersion = 8;

    public static string HarkVersion =>
        typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>Exports the run in <paramref name="run"/> to <paramref name="path"/>.</summary>
    public static OnnxExportSummary Export(string run, string path, bool withFrontEnd = false) => Export(Predictor.Load(run), path, withFrontEnd);

    public static OnnxExportSummary Export(Predictor predictor, string path, bool withFrontEnd = false)
    {
        var model = ToModel(predictor, withFrontEnd);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        var bytes = model.ToByteArray();
        File.WriteAllBytes(path, bytes);
        return new OnnxExportSummary(path, model.Graph.Input.Select(i => i.Name).ToList(), model.Graph.Output.Select(o => o.Name).ToList(), model.Graph.Node.Select(n => n.OpType).Distinct().Order().ToList(), bytes.LongLength);
    }

    /// <summary>The serialised model (what <see cref="Export(Predictor, string, bool)"/> writes), for running without a file.</summary>
    public static byte[] ToBytes(Predictor predictor, bool withFrontEnd = false) => ToModel(predictor, withFrontEnd).ToByteArray();

    /// <summary>
    /// <paramref name="classifier"/> (in evaluation mode) as a serialised ONNX model with inputs shaped
    /// <paramref name="inputShapes"/> ([channels, height, frames] each; frames stay dynamic) and <paramref name="metadata"/>;
    /// when its input is <c>waveform</c>, the graph starts with its front end (one input of [1, mels, frames]).
    /// </summary>
    public static byte[] ToBytes(AudioClassifier classifier, IReadOnlyList<int[]> inputShapes, OnnxMetadata metadata) =>
        ToModel(classifier, inputShapes, metadata).ToByteArray();

    internal static ModelProto ToModel(Predictor predictor, bool withFrontEnd)
    {
        var shapes = predictor.Config.InputShapes
            ?? throw new InvalidOperationException($"{predictor.Run.Path}: no input shapes in its configuration, so the ONNX inputs cannot be declared");
        var metadata = new OnnxMetadata(predictor.Classes.Names, predictor.MultiLabel, predictor.FrontEndConfig, withFrontEnd ? "waveform" : "features", predictor.Config.Model.Name, HarkVersion);
        return ToModel(predictor.Model, shapes, metadata);
    }

    internal static ModelProto ToModel(AudioClassifier classifier, IReadOnlyList<int[]> shapes, OnnxMetadata metadata)
    {
        if (shapes.Count != classifier.InputCount || shapes.Any(s => s.Length != 3))
            throw new InvalidOperationException($"ONNX export: input shapes [{string.Join("; ", shapes.Select(s => string.Join("x", s)))}] do not fit the model's {classifier.InputCount} input(s) of [channels, height, frames]");
        if (classifier.Training)
            throw new InvalidOperationException("ONNX export: the model is in training mode; export computes evaluation mode (running batch-norm statistics, no dropout), so call Eval() first");
        var graph = new OnnxGraphBuilder();
        var inputs = metadata.Input switch
        {
            "features" => shapes.Select((shape, i) =>
            {
                var name = shapes.Count == 1 ? "features" : $"features_{i}";
                graph.AddInput(name, "batch", shape[0], shape[1], "frames");
                return name;
            }).ToList(),
            "waveform" => [WaveformInput(graph, shapes, metadata.FrontEnd)],
            _ => throw new ArgumentException($"ONNX export: metadata input '{metadata.Input}': expected 'features' or 'waveform'"),
        };
        foreach (var output in (string[])["logits", "probabilities", "embedding", "classes", "sample_rate"]) graph.Reserve(output);
        var (logits, embedding) = new ClassifierEmitter(new LayerEmitter(graph)).Emit(classifier, inputs, shapes[0][0]);
        var probabilities = metadata.MultiLabel
            ? graph.Node("Sigmoid", "probabilities.sigmoid", [logits])
            : graph.Node("Softmax", "probabilities.softmax", [logits], OnnxGraphBuilder.Int("axis", 1));
        graph.Output(logits, "logits", "batch", classifier.ClassCount);
        graph.Output(probabilities, "probabilities", "batch", classifier.ClassCount);
        graph.Output(embedding, "embedding", "batch", classifier.EmbeddingSize);
        // for runtimes that do not show ONNX metadata (onnxruntime-node, onnxruntime-web): constants, whatever the input
        if (metadata.Classes.Count != classifier.ClassCount)
            throw new ArgumentException($"ONNX export: the metadata names {metadata.Classes.Count} classes and the model has {classifier.ClassCount}");
        graph.Output(graph.Strings("classes.names", metadata.Classes), "classes", TensorProto.Types.DataType.String, classifier.ClassCount);
        graph.Output(graph.Int64s(metadata.FrontEnd.SampleRate), "sample_rate", TensorProto.Types.DataType.Int64, 1);
        return Model(graph, metadata);
    }

    // waveform [batch, samples] -> the front end's features, the one [batch, 1, mels, frames] input the model takes
    private static string WaveformInput(OnnxGraphBuilder graph, IReadOnlyList<int[]> shapes, Hark.Audio.FrontEnds.FrontEndConfig frontEnd)
    {
        if (shapes.Count != 1 || shapes[0][0] != 1 || shapes[0][1] != frontEnd.NMels)
            throw new NotSupportedException($"ONNX export --with-front-end: the model takes [{string.Join("; ", shapes.Select(s => string.Join("x", s)))}], and the front end gives one input of [1x{frontEnd.NMels}xframes] (export without --with-front-end)");
        graph.AddInput("waveform", "batch", "samples");
        return new FrontEndEmitter(graph).Emit(frontEnd, "waveform");
    }

    private static ModelProto Model(OnnxGraphBuilder graph, OnnxMetadata metadata)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "hark",
            ProducerVersion = metadata.Version,
            Graph = graph.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (key, value) in metadata.ToProperties()) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }
}
