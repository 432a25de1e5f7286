using System.Globalization;
using System.Text;
using Hark.Data;
using Hark.Data.Csv;
using Hark.Features.Extraction;
using Hark.Models;
using Hark.Tensors.Autograd;
using Hark.Training.Runs;
using Hark.Workflows;

namespace Hark.Pretrained;

/// <summary>
/// `hark predict --weights W.pth --model NAME [--labels class_labels_indices.csv] INPUT`: PANNs' checkpoint, INPUT,
/// where the clip-level probabilities go (<see cref="Out"/>) and, for the decision-level model, the per-frame ones (<see cref="Framewise"/>).
/// </summary>
public sealed record TagRequest(string Weights, string? Model, string? Labels, string Input, string? Out = null, string? Framewise = null,
    string CacheDir = FeatureCacheLocation.Auto, string? FrontEnd = null);

/// <summary>
/// Zero-training tagging with a pretrained PANNs network: each clip's sigmoid probability of every class (AudioSet's
/// 527 with PANNs' released files), in input order. With <see cref="TagRequest.Framewise"/>, the decision-level
/// attention model's per-frame probabilities too (sound event detection), one row per clip and frame at the front
/// end's frame rate (PANNs: 100 frames per second), with the frame's start time in seconds.
/// </summary>
public static class TagWorkflow
{
    public static PredictionTable Run(TagRequest request, Action<string> report)
    {
        var predictor = PretrainedNetwork.Open(request.Weights, request.Model, request.Labels, request.FrontEnd);
        var network = predictor.Model as PannsClassifier;
        if (request.Framewise is not null && network?.AttBlock is null)
            throw new ConfigException($"hark predict: --framewise needs the decision-level attention model (--model cnn14-decision-level-att); {request.Model} pools whole clips");
        var inputs = ClipInputs.Read(predictor, request.Input, request.CacheDir, report);
        var probabilities = predictor.PredictClips(inputs.Clips);
        var table = new PredictionTable(inputs.Ids, probabilities, predictor.Classes.Names, MultiLabel: true);
        if (request.Out is not null) PredictionFiles.Write(request.Out, inputs.Ids, probabilities, predictor.Classes.Names, multiLabel: true);
        if (request.Framewise is not null) WriteFramewise(request.Framewise, network!, predictor.FrontEndConfig.HopLength / (double)predictor.FrontEndConfig.SampleRate, inputs, predictor.Classes.Names);
        return table;
    }

    // one row per clip and frame: id, frame, time (s), then the probability of each class
    private static void WriteFramewise(string path, PannsClassifier network, double secondsPerFrame, ClipInputs inputs, IReadOnlyList<string> classes)
    {
        var csv = new StringBuilder("id,frame,time");
        foreach (var c in classes) csv.Append(',').Append(CsvField.Escape(c));
        csv.Append('\n');
        using (Graph.NoGrad())
        {
            for (int clip = 0; clip < inputs.Clips.Count; clip++)
            {
                var framewise = network.Framewise(inputs.Clips[clip].Batch([0]));
                int frames = framewise.Shape[1];
                var values = framewise.Span;
                for (int t = 0; t < frames; t++)
                {
                    csv.Append(CsvField.Escape(inputs.Ids[clip])).Append(',').Append(t).Append(',').Append((t * secondsPerFrame).ToString("F3", CultureInfo.InvariantCulture));
                    foreach (var p in values.Slice(t * classes.Count, classes.Count)) csv.Append(',').Append(p.ToString("G6", CultureInfo.InvariantCulture));
                    csv.Append('\n');
                }
            }
        }
        AtomicFile.WriteAllText(path, csv.ToString());
    }
}
