using Hark.Audio;
using Hark.Data;
using Hark.Data.Sources;
using Hark.Training.Configuration;
using Hark.Features.Extraction;
using Hark.Inference;

namespace Hark.Workflows;

/// <summary>`hark predict RUN[,RUN...] INPUT --out FILE`: what to predict and how to combine several runs.</summary>
public sealed record PredictRequest(IReadOnlyList<string> Runs, string Input, string? Out, EnsembleMethod Ensemble = EnsembleMethod.Mean,
    IReadOnlyList<double>? Weights = null, ProblemPolicy OnBadInput = ProblemPolicy.Fail, bool WithProbabilities = false, int? TtaCrops = null, int? TtaPerturbations = null,
    string CacheDir = FeatureCacheLocation.Auto, double? MaxDurationSeconds = null, bool ReplaceBadSamples = false, string Engine = InferenceEngines.Hark)
{
    /// <summary>How each input file is read: the duration limit and the unusable-sample policy.</summary>
    public AudioReadOptions Read => new() { MaxDurationSeconds = MaxDurationSeconds, ReplaceUnusableSamples = ReplaceBadSamples };
}

/// <summary>Predictions for a set of inputs, in input order.</summary>
public sealed record PredictionTable(IReadOnlyList<string> Ids, float[][] Probabilities, IReadOnlyList<string> Classes, bool MultiLabel);

/// <summary>
/// `hark predict`: a CSV (any Hark source format, labels optional), a folder of audio files (flat, nested or class
/// folders; see <see cref="InputSource"/>) or one file, predicted by
/// one run or an ensemble of runs trained on the same classes, written as CSV in input order. Features of a CSV or folder
/// go through the feature cache (<see cref="PredictRequest.CacheDir"/>: auto puts it beside the input, as training does).
/// </summary>
public static class PredictWorkflow
{
    /// <summary><paramref name="progress"/>, when given, is asked for a sink for each feature extraction (told after every file).</summary>
    public static PredictionTable Run(PredictRequest request, Action<string> report, Func<string, IProgress<ExtractionProgress>?>? progress = null)
    {
        var predictors = Load(request);
        var first = predictors[0];
        if (InputSource.IsSingleFile(request.Input))
        {
            var (ids, perMember) = SingleFile(predictors, request.Input, request.Read);
            return Finish(predictors, request, ids, perMember);
        }
        var dataset = InputSource.Open(request.Input, new DataSourceOptions
        {
            Labels = LabelSpace.FromNames(first.Classes.Names),
            OnProblem = request.OnBadInput,
        }, wantLabels: false);
        foreach (var problem in dataset.Problems) report($"skipped {problem}");
        return Predict(predictors, dataset, request, report, progress);
    }

    /// <summary>The runs of <paramref name="request"/>, with its TTA settings applied; an ensemble must share its classes.</summary>
    internal static List<Predictor> Load(PredictRequest request)
    {
        if (request.Runs.Count == 0) throw new ConfigException("hark predict needs at least one run directory");
        var predictors = request.Runs.Select(run => InferenceEngines.Load(run, request.Engine)).ToList();
        foreach (var p in predictors)
        {
            if (request.TtaCrops is int crops) p.Config.Tta.Crops = crops;
            if (request.TtaPerturbations is int perturbations) p.Config.Tta.Perturbations = perturbations;
        }
        var first = predictors[0];
        foreach (var other in predictors.Skip(1))
            if (!other.Classes.Names.SequenceEqual(first.Classes.Names) || other.MultiLabel != first.MultiLabel)
                throw new ConfigException($"{other.Run.Path} predicts classes {other.Classes.Describe()}, {first.Run.Path} predicts {first.Classes.Describe()}: an ensemble needs the same classes");
        return predictors;
    }

    /// <summary>Predicts the items of <paramref name="dataset"/> (opened by the caller) and writes request.Out when given.</summary>
    internal static PredictionTable Predict(List<Predictor> predictors, Dataset dataset, PredictRequest request, Action<string> report,
        Func<string, IProgress<ExtractionProgress>?>? progress = null)
    {
        if (dataset.Count == 0)
            throw new InvalidDataException(dataset.Problems.Count > 0
                ? $"{request.Input}: nothing to predict: all {dataset.Problems.Count} file(s) were skipped (reasons above)"
                : $"{request.Input}: nothing to predict: it holds no audio files (expected {string.Join(" ", ClassFolderSource.Extensions)})");
        var (ids, perMember) = Many(predictors, dataset, request, report, progress);
        return Finish(predictors, request, ids, perMember);
    }

    private static PredictionTable Finish(List<Predictor> predictors, PredictRequest request, IReadOnlyList<string> ids, List<float[][]> perMember)
    {
        var first = predictors[0];
        var combined = perMember.Count == 1 ? perMember[0] : Ensemble.Combine(perMember, request.Ensemble, request.Weights);
        var table = new PredictionTable(ids, combined, first.Classes.Names, first.MultiLabel);
        if (request.Out is not null)
            PredictionFiles.Write(request.Out, ids, combined, first.Classes.Names, first.MultiLabel, request.WithProbabilities, IdColumn(request.Input));
        return table;
    }

    private static (IReadOnlyList<string>, List<float[][]>) SingleFile(List<Predictor> predictors, string path, AudioReadOptions read)
    {
        var waveform = AudioFile.Read(path, read);
        return ([Path.GetFileName(path)], predictors.Select(p => new[] { p.PredictWaveform(waveform) }).ToList());
    }

    private static (IReadOnlyList<string>, List<float[][]>) Many(List<Predictor> predictors, Dataset dataset, PredictRequest request, Action<string> report,
        Func<string, IProgress<ExtractionProgress>?>? progress)
    {
        var cacheRoot = FeatureCacheLocation.Resolve(request.CacheDir);
        var read = request.Read;
        var members = new List<float[][]>();
        IReadOnlyList<string>? ids = null;
        foreach (var predictor in predictors)
        {
            var builder = new ExampleBuilder(predictor.FrontEndConfig, predictor.Config.ImageSize, report, cacheRoot) { Read = read };
            bool audio = !FeatureExtraction.IsImage(dataset.Items[0]);
            if (audio && predictor.Config.Tta.Crops > 1)
            {
                var rows = new float[dataset.Count][];
                Parallel.For(0, dataset.Count, i => rows[i] = predictor.PredictWaveform(AudioFile.Read(dataset.Items[i].Path, read)));
                ids = dataset.Items.Select(i => i.Id).ToList();
                members.Add(rows);
                continue;
            }
            var longer = LongClips.Find(predictor.Config.Tta, predictor.FrontEndConfig, dataset.Items);
            var windowed = dataset.Subset([.. Enumerable.Range(0, dataset.Count).Where(i => !longer.Contains(i))]);
            var examples = windowed.Count == 0 ? null : builder.Build(windowed.Items, windowed, request.OnBadInput,
                progress?.Invoke(predictors.Count > 1 ? $"features ({predictor.Run.Path})" : "features"));
            var probabilities = examples is null ? [] : predictor.Predict(examples);
            if (longer.Count == 0)
            {
                ids = examples!.Ids;
                members.Add(probabilities);
                continue;
            }
            var byId = LongClips.Score(predictor, dataset.Items, longer, read, request.OnBadInput, report);
            for (int i = 0; i < probabilities.Length; i++) byId[examples!.Ids[i]] = probabilities[i];
            var ordered = dataset.Items.Select(i => i.Id).Where(byId.ContainsKey).ToList();
            ids = ordered;
            members.Add([.. ordered.Select(id => byId[id])]);
        }
        return (ids!, members);
    }

    private static string IdColumn(string input)
    {
        if (!input.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || !File.Exists(input)) return "fname";
        var header = File.ReadLines(input).FirstOrDefault()?.Split(',') ?? [];
        return header.FirstOrDefault(h => h is "id" or "fname" or "path") ?? "id";
    }
}
