using System.Globalization;
using Hark.Features.Extraction;
using Hark.Inference;
using Hark.Pretrained;

namespace Hark.Cli;

/// <summary>`hark embed` and the pretrained form of `hark predict` (<c>--weights W.pth --model NAME</c>).</summary>
internal static class PretrainedCommands
{
    public const string EmbedUsage = "hark embed RUN INPUT --out EMB.npy [--engine hark|onnxruntime]\n       hark embed --weights W.pth --model NAME INPUT --out EMB.npy\n       hark embed --weights MODEL.onnx --front-end PRESET INPUT --out EMB.npy";

    public const string EmbedHelp =
        "Writes each clip's embedding (the vector the head reads; PANNs: fc1, 2048 values for cnn14) as a float32 [N, embedding] .npy in input order,\n"
        + "  and EMB.csv beside it with each row's index, id and path. INPUT: a CSV, a folder of audio files or one file.\n"
        + "  RUN          a trained run directory\n"
        + "  --weights    a PANNs checkpoint (the released .pth files, e.g. Cnn14_mAP=0.431.pth, or safetensors with PANNs' keys)\n"
        + "  --model      its network: cnn14, cnn14-16k, cnn10, resnet38, cnn14-decision-level-att (PANNs' front end comes with it)\n"
        + "  --front-end  with --weights MODEL.onnx: a foreign ONNX model (its 'embedding' output) fed this preset's log-mels\n"
        + "  --cache DIR|none  feature cache for a CSV or folder input (default auto: .hark-cache beside the input)\n"
        + DeviceOption.Help;

    public const string PredictPretrainedUsage =
        "hark predict --weights W.pth --model NAME [--labels class_labels_indices.csv] INPUT [--out FILE.csv] [--top-k K] [--framewise FRAMES.csv]";

    public const string PredictForeignUsage =
        "hark predict --weights MODEL.onnx --front-end PRESET [--labels LABELS.csv] INPUT [--out FILE.csv] [--top-k K]";

    public static int Embed(Arguments a)
    {
        string? run = a.Value("weights") is null ? a.Positional("embed", 0, "RUN") : null;
        var input = a.Positional("embed", run is null ? 0 : 1, "INPUT");
        var request = new EmbedRequest(input, a.Required("embed", "out"), run, a.Value("weights"), a.Value("model"), a.Value("cache") ?? FeatureCacheLocation.Auto, CommandLine.Engine(a), a.Value("front-end"));
        var summary = EmbedWorkflow.Run(request, ConsoleOutput.Stderr().Message);
        Console.WriteLine($"wrote {summary.Clips} embeddings of {summary.Dimensions} values to {summary.Npy} (paths: {summary.Csv})");
        return 0;
    }

    /// <summary>`hark predict --weights W.pth --model NAME ... INPUT`: top-k AudioSet tags per clip.</summary>
    public static int PredictPretrained(Arguments a)
    {
        var request = new TagRequest(a.Required("predict", "weights"), a.Value("model"), a.Value("labels"), a.Positional("predict", 0, "INPUT"),
            a.Value("out"), a.Value("framewise"), a.Value("cache") ?? FeatureCacheLocation.Auto, a.Value("front-end"));
        var table = TagWorkflow.Run(request, ConsoleOutput.Stderr().Message);
        int k = Math.Min(a.Int("predict", "top-k", 5), table.Classes.Count);
        for (int i = 0; i < table.Ids.Count; i++)
        {
            var top = ClassScore.Top(table.Probabilities[i], table.Classes, k);
            Console.WriteLine($"{table.Ids[i]}: " + string.Join("  ", top.Select(t => $"{t.Label} {t.Probability.ToString("F3", CultureInfo.InvariantCulture)}")));
        }
        if (request.Out is not null) Console.WriteLine($"wrote {table.Ids.Count} clips' probabilities to {request.Out}");
        if (request.Framewise is not null) Console.WriteLine($"wrote per-frame probabilities to {request.Framewise}");
        return 0;
    }
}
