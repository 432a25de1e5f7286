using System.Text;
using Hark.Data;
using Hark.Data.Csv;
using Hark.Features.Extraction;
using Hark.Inference;
using Hark.Tensors.Serialization;
using Hark.Training.Runs;

namespace Hark.Pretrained;

/// <summary>`hark embed`: a trained run (<see cref="Run"/>) or a PANNs checkpoint (<see cref="Weights"/> with <see cref="Model"/>), INPUT, and the .npy to write.</summary>
public sealed record EmbedRequest(string Input, string Out, string? Run = null, string? Weights = null, string? Model = null, string CacheDir = FeatureCacheLocation.Auto,
    string Engine = InferenceEngines.Hark, string? FrontEnd = null);

/// <summary>What `hark embed` wrote: <see cref="Npy"/> holds float32 [Clips, Dimensions], <see cref="Csv"/> each row's id and path.</summary>
public sealed record EmbedSummary(int Clips, int Dimensions, string Npy, string Csv);

/// <summary>
/// `hark embed`: every clip of INPUT through the network up to the embedding its head reads (PANNs: fc1 after ReLU,
/// 2048 values for Cnn14), written in input order as a float32 [clips, embedding] .npy, and beside it a CSV of the
/// same name (emb.npy, emb.csv) with each row's index, id and path.
/// </summary>
public static class EmbedWorkflow
{
    public static EmbedSummary Run(EmbedRequest request, Action<string> report)
    {
        if (!request.Out.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            throw new ConfigException($"hark embed: --out {request.Out}: expected a .npy file name");
        var predictor = Open(request);
        var inputs = ClipInputs.Read(predictor, request.Input, request.CacheDir, report);
        var rows = predictor.EmbedClips(inputs.Clips);
        int dimensions = predictor.Model.EmbeddingSize;
        var data = new float[rows.Length * dimensions];
        for (int i = 0; i < rows.Length; i++) rows[i].CopyTo(data, i * dimensions);
        var folder = Path.GetDirectoryName(Path.GetFullPath(request.Out))!;
        Directory.CreateDirectory(folder);
        Npy.Save(request.Out, data, [rows.Length, dimensions]);
        var csvPath = Path.ChangeExtension(request.Out, ".csv");
        var csv = new StringBuilder("index,id,path\n");
        for (int i = 0; i < rows.Length; i++)
            csv.Append(i).Append(',').Append(CsvField.Escape(inputs.Ids[i])).Append(',').Append(CsvField.Escape(inputs.Paths[i])).Append('\n');
        AtomicFile.WriteAllText(csvPath, csv.ToString());
        return new EmbedSummary(rows.Length, dimensions, request.Out, csvPath);
    }

    private static Predictor Open(EmbedRequest request)
    {
        if (request.Run is not null)
        {
            if (request.Weights is not null || request.Model is not null || request.FrontEnd is not null)
                throw new ConfigException("hark embed: give either a RUN or --weights W.pth --model NAME (or --weights MODEL.onnx --front-end PRESET), not both");
            return InferenceEngines.Load(request.Run, request.Engine);
        }
        if (request.Weights is null || (request.Model is null && request.FrontEnd is null))
            throw new ConfigException("hark embed: needs a RUN, or --weights W.pth with --model (cnn14, cnn14-16k, cnn10, resnet38, cnn14-decision-level-att), or --weights MODEL.onnx with --front-end PRESET");
        return PretrainedNetwork.Open(request.Weights, request.Model, labels: null, request.FrontEnd);
    }
}
