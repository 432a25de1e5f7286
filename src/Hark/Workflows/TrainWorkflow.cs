using System.Text.Json;
using Hark.Audio;
using Hark.Audio.FrontEnds;
using Hark.Data;
using Hark.Models;
using Hark.Nn.Checkpoints;
using Hark.Training.Configuration;
using Hark.Evaluation;
using Hark.Features.Examples;
using Hark.Features.Extraction;
using Hark.Training.Loop;
using Hark.Training.Probe;
using Hark.Evaluation.Reports;
using Hark.Training.Runs;

namespace Hark.Workflows;

/// <summary>What a finished `hark train` reports.</summary>
public sealed record TrainSummary(RunDirectory Run, TrainingOutcome Outcome, IReadOnlyDictionary<string, double> TestMetrics, long Parameters);

/// <summary>A fit plus the kept model's probabilities on the validation and test examples (by id), for cross-validation.</summary>
internal sealed record FitResult(TrainSummary Summary, IReadOnlyList<string> ValidationIds, float[][] ValidationProbabilities,
    IReadOnlyList<string> TestIds, float[][] TestProbabilities);

/// <summary>
/// `hark train`: resolve the configuration, load and split the data, compute features, build the model, train with the
/// recipe, then evaluate the kept weights on the test rows and write metrics.json, report.html and predictions.csv.
/// </summary>
public static class TrainWorkflow
{
    public static TrainSummary Run(TrainRequest request, ITrainingObserver observer)
    {
        var run = new RunDirectory(request.OutDir);
        RunConfig config;
        if (request.Resume)
        {
            run.RequireConfig();
            config = ConfigYaml.Deserialize<RunConfig>(File.ReadAllText(run.Config), run.Config);
        }
        else
        {
            var data = request.Data ?? throw new ConfigException("hark train needs --data <metadata.csv or class folder>");
            string defaultRecipe = LooksLikeImages(data) ? "seed-a" : RecipeCatalog.DefaultAudio;
            config = ConfigResolver.Resolve(request.Recipe, request.Overrides, defaultRecipe);
            if (request.Recipe is null) observer.Message(RecipeCatalog.DefaultNotice(defaultRecipe));
            config.Data.Source = Path.GetFullPath(data);
            RunOutput.Prepare(run, request.Overwrite);
        }

        var dataset = RunData.Open(config.Data);
        if (!dataset.HasLabels) throw new ConfigException($"{config.Data.Source}: training data needs labels");
        foreach (var problem in dataset.Problems) observer.Message($"skipped {problem}");
        if (dataset.Count == 0)
            throw new ConfigException($"{config.Data.Source}: no usable examples{(dataset.Problems.Count > 0 ? $" (all {dataset.Problems.Count} rows were skipped, reasons above)" : "")}; nothing to train on");
        if (dataset.PathsOutsideFolder.Count > 0)
            observer.Message($"{dataset.PathsOutsideFolder.Count} file(s) lie outside the data's folder, e.g. {string.Join(", ", dataset.PathsOutsideFolder.Take(3))}; pass --data-root DIR to refuse such rows");
        config.MultiLabel = dataset.Kind == LabelKind.MultiLabel;
        var splits = RunSplits.From(dataset, config);
        if (!request.Resume && ClipLengthRule.ApplyTo(config, [.. splits.Train.Select(i => dataset.Items[i])]) is { } chosen) observer.Message(chosen);
        return Fit(config, dataset, splits, run, request.Resume, observer).Summary;
    }

    /// <summary>Trains on <paramref name="splits"/>.Train, selects by .Validation, scores .Test; returns the summary and the kept model's validation and test probabilities.</summary>
    internal static FitResult Fit(
        RunConfig config, Dataset dataset, RunSplits splits, RunDirectory run, bool resume, ITrainingObserver observer)
    {
        observer.Message($"{dataset.Count} examples, {dataset.Labels.Count} classes ({dataset.Kind}); train {splits.Train.Length}, validation {splits.Validation.Length}, test {splits.Test.Length}");
        foreach (var warning in splits.ClassesWithoutTrainingRows(dataset)) observer.Message(warning);
        bool validationSelects = splits.ValidationCanSelect(dataset);
        if (!resume) config.ModelSelection = ModelSelection.Describe(config, splits, validationSelects);
        if (config.ModelSelection is not null) observer.Message(ModelSelection.Message(config.ModelSelection, splits));
        if (config.Tta.Crops == TtaConfig.Cover && FrontEndResolver.Resolve(config.FrontEnd).Length is { } length && !FeatureExtraction.IsImage(dataset.Items[0]))
            observer.Message(FormattableString.Invariant($"hark eval and predict score a clip longer than {length.Seconds:0.###} s over ceil(duration / {length.Seconds:0.###} s) evenly spaced ")
                + $"windows that cover it (at most {TtaConfig.MaxCoverCrops}), probabilities averaged (tta.crops=0; --tta-crops K takes K crops), and so do "
                + "this run's test scores; "
                + (config.Recipe.RandomCrop == true ? "training crops longer clips at a random offset each epoch" : "training crops as the front end says"));
        var waveformAugmentations = WaveformAugmenter.FromOptions(config.Recipe.WaveformAugment);
        var featureClock = System.Diagnostics.Stopwatch.StartNew();
        var cacheRoot = FeatureCacheLocation.Resolve(config.Data.CacheDir);
        var builder = new ExampleBuilder(FrontEndResolver.Resolve(config.FrontEnd), config.ImageSize, observer.Message, cacheRoot)
        {
            Read = new AudioReadOptions { ReplaceUnusableSamples = config.Data.ReplaceBadSamples },
        };
        builder.FitNormalization(splits.Train.Select(i => dataset.Items[i]).ToList());
        config.FrontEnd = FrontEndResolver.ToSection(builder.FrontEnd);
        FeatureSet Build(int[] indices, string what) =>
            builder.Build(indices.Select(i => dataset.Items[i]).ToList(), dataset, config.Data.BadInputPolicy, observer.Extracting($"features ({what})"));
        var train = Build(splits.Train, "train");
        var trainItems = splits.Train.Select(i => dataset.Items[i]).ToList();
        var randomCrops = RandomCrops(config, builder.FrontEnd, trainItems, train, observer);
        WaveformAugmenter? waveformAugmenter = null;
        if (waveformAugmentations is not null)
        {
            var augmenterFrontEnd = randomCrops is null ? builder.FrontEnd : RandomTrainingCrops.CroppingFrontEnd(builder.FrontEnd);
            waveformAugmenter = new WaveformAugmenter(waveformAugmentations, new FrontEnd(augmenterFrontEnd), trainItems, train);
            observer.Message($"waveform augmentation: {train.Count} training clips held in memory ({waveformAugmenter.Samples * sizeof(float) / (1 << 20)} MiB)");
        }
        var validation = splits.Validation.Length > 0 ? Build(splits.Validation, "validation") : train.Subset([]);
        var test = splits.Test.Length > 0 ? Build(splits.Test, "test") : null;
        double featureSeconds = featureClock.Elapsed.TotalSeconds;
        if (cacheRoot is not null) observer.Message($"features: {featureSeconds:F1} s, {builder.CacheHits} audio inputs read from the cache in {cacheRoot}");

        var pretrained = resume ? null : PretrainedBody.Read(config.Model);
        var model = ModelFactory.Create(config.Model, train.InputShapes, dataset.Labels.Count, config.Seed);
        if (pretrained is not null) PretrainedBody.Load(pretrained, model, observer.Message);
        else if (!resume && ModelZoo.IsImageNetBackbone(config.Model.Name))
            observer.Message($"model.pretrained is not set: {config.Model.Name} trains from scratch (torchvision's initialisation); --set model.pretrained=W.pth starts from released weights");
        // the linear probe fits its head on the host, so that recipe keeps the model on the CPU
        if (!config.Recipe.LinearProbe) model.To(ComputeDevice.Current);
        long parameters = model.ParameterCount();
        observer.Message($"model {config.Model.Name}: {parameters:N0} parameters");

        if (!resume)
        {
            config.InputShapes = [.. train.InputShapes];
            run.Create();
            AtomicFile.WriteAllText(run.Config, ConfigYaml.Serialize(config));
            RunClasses.Write(run, dataset.Labels.Names);
        }
        if (resume && run.RemoveLeftoverTemporaryFiles() is > 0 and var removed)
            observer.Message($"removed {removed} temporary file(s) an interrupted save left in {run.Path}");
        var checkpoint = resume ? TrainingCheckpoint.TryLoad(run, observer.Message) : null;
        var outcome = config.Recipe.LinearProbe
            ? LinearProbe.Fit(model, config.Recipe, train, validation, run, cacheRoot, observer)
            : new Trainer(model, config.Recipe, config.Seed, new LiveReportObserver(observer, run, config, parameters), waveformAugmenter, randomCrops).Fit(train, validationSelects ? validation : train.Subset([]), run, checkpoint);

        StateDictFile.Load(run.Model, model);
        var scoringLoss = new LossFunction(config.Recipe, train.IsMultiLabel, null, null);
        var validationProbabilities = validation.Count > 0 ? Scoring.Score(model, validation, scoringLoss).Probabilities : [];
        var testMetrics = new Dictionary<string, double>();
        float[][] testProbabilities = [];
        if (test is not null)
        {
            (_, testMetrics, testProbabilities) = Scoring.Score(model, test, scoringLoss);
            if (ScoreLongTestClips(run, config, dataset, test, testProbabilities, observer) > 0) testMetrics = Scoring.Metrics(test, testProbabilities);
            PredictionFiles.Write(run.Predictions, test.Ids, testProbabilities, dataset.Labels.Names, train.IsMultiLabel,
                targets: PredictionFiles.Targets(dataset, test.Ids));
        }
        RunReport.Final(run, config, dataset, outcome, test, testProbabilities, testMetrics, parameters);
        WriteMetrics(run, outcome, testMetrics, parameters, featureSeconds, builder.CacheHits);
        return new FitResult(new TrainSummary(run, outcome, testMetrics, parameters), validation.Ids, validationProbabilities, test?.Ids ?? [], testProbabilities);
    }

    /// <summary>
    /// The random crops of the training clips longer than the clip length when recipe.random_crop is on (and the run
    /// trains a network on audio), with a line that says how many; null otherwise.
    /// </summary>
    private static RandomTrainingCrops? RandomCrops(RunConfig config, FrontEndConfig frontEnd, IReadOnlyList<DatasetItem> trainItems, FeatureSet train,
        ITrainingObserver observer)
    {
        if (config.Recipe.RandomCrop != true || config.Recipe.LinearProbe || frontEnd.Length is not { } length) return null;
        if (FeatureExtraction.IsImage(trainItems[0]))
        {
            observer.Message("recipe.random_crop crops audio clips; this run's inputs are images, which train whole");
            return null;
        }
        var crops = RandomTrainingCrops.For(frontEnd, trainItems, train);
        observer.Message(crops.LongClipCount == 0
            ? FormattableString.Invariant($"random crops: no training clip is longer than the clip length ({length.Seconds:0.###} s), so every clip trains whole")
            : FormattableString.Invariant($"random crops: {crops.LongClipCount} of {train.Count} training clips are longer than the clip length ({length.Seconds:0.###} s); ")
              + $"each epoch trains on a window of each at a random offset ({crops.Samples * sizeof(float) / (1 << 20)} MiB held in memory)");
        return crops.LongClipCount == 0 ? null : crops;
    }

    /// <summary>
    /// Replaces the probabilities of the test clips longer than the clip length by those of the windows that cover them,
    /// as `hark eval` scores them (<see cref="LongClips"/>); returns how many were replaced.
    /// </summary>
    private static int ScoreLongTestClips(RunDirectory run, RunConfig config, Dataset dataset, FeatureSet test, float[][] probabilities, ITrainingObserver observer)
    {
        var byId = dataset.Items.ToDictionary(i => i.Id);
        var items = test.Ids.Select(id => byId[id]).ToList();
        var longer = LongClips.Find(config.Tta, FrontEndResolver.Resolve(config.FrontEnd), items);
        if (longer.Count == 0) return 0;
        var scored = LongClips.Score(Hark.Inference.Predictor.Load(run.Path), items, longer, new AudioReadOptions { ReplaceUnusableSamples = config.Data.ReplaceBadSamples },
            config.Data.BadInputPolicy, observer.Message);
        for (int i = 0; i < test.Count; i++)
            if (scored.TryGetValue(test.Ids[i], out var row)) probabilities[i] = row;
        observer.Message($"test: {scored.Count} of {test.Count} clips are longer than the clip length and were scored over the windows that cover them");
        return scored.Count;
    }

    private static bool LooksLikeImages(string data) =>
        File.Exists(data) && File.ReadLines(data).FirstOrDefault()?.Split(',').Contains("input_1") == true;

    private static void WriteMetrics(RunDirectory run, TrainingOutcome outcome, IReadOnlyDictionary<string, double> test, long parameters, double featureSeconds,
        int featureCacheHits)
    {
        var best = outcome.History.FirstOrDefault(h => h.Epoch == outcome.BestEpoch);
        var document = new Dictionary<string, object?>
        {
            ["test"] = test,
            ["validation"] = best?.ValidationMetrics,
            ["best_epoch"] = outcome.BestEpoch,
            ["epochs_run"] = outcome.History.Count,
            ["parameters"] = parameters,
            ["feature_seconds"] = featureSeconds,
            ["feature_cache_hits"] = featureCacheHits,
            ["train_seconds"] = outcome.History.Sum(h => h.Seconds),
        };
        AtomicFile.WriteAllText(run.Metrics, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }
}
