using System.Text.Json;
using Hark.Data;
using Hark.Data.Splits;
using Hark.Tensors;
using Hark.Training.Configuration;
using Hark.Evaluation;
using Hark.Inference;
using Hark.Training.Loop;
using Hark.Training.Runs;

namespace Hark.Workflows;

/// <summary>`hark cv --data D --out O --folds K [--recipe R] [--set k=v ...] [--overwrite]`; fold runs already in O are refused unless <paramref name="Overwrite"/>.</summary>
public sealed record CvRequest(string Data, string OutDir, int Folds, string? Recipe, IReadOnlyList<string> Overrides, bool Overwrite = false);

/// <summary>Per-fold and pooled scores of a cross-validation, and the test scores of the fold ensemble.</summary>
public sealed record CvSummary(
    IReadOnlyList<IReadOnlyDictionary<string, double>> FoldValidation,
    IReadOnlyDictionary<string, double> OutOfFold,
    IReadOnlyList<IReadOnlyDictionary<string, double>> FoldTest,
    IReadOnlyDictionary<string, double> EnsembleTest,
    string Metric);

/// <summary>
/// K-fold cross-validation over the non-test rows (stratified, iterative multilabel-stratified, or grouped when
/// data.group_column is set): one run directory per fold (fold-1..K), out-of-fold predictions (oof.csv) scored as a
/// whole, each fold model's test predictions, and their per-class rank-averaged ensemble weighted by fold scores.
/// </summary>
public static class CvWorkflow
{
    public static CvSummary Run(CvRequest request, ITrainingObserver observer)
    {
        if (request.Folds < 2) throw new ConfigException($"--folds {request.Folds}: cross-validation needs at least 2 folds");
        var config = ConfigResolver.Resolve(request.Recipe, request.Overrides, RecipeCatalog.DefaultAudio);
        if (request.Recipe is null) observer.Message(RecipeCatalog.DefaultNotice(RecipeCatalog.DefaultAudio));
        config.Data.Source = Path.GetFullPath(request.Data);
        for (int k = 1; k <= request.Folds; k++) RunOutput.Prepare(FoldRun(request, k), request.Overwrite);
        var dataset = RunData.Open(config.Data);
        if (!dataset.HasLabels) throw new ConfigException($"{config.Data.Source}: cross-validation needs labels");
        config.MultiLabel = dataset.Kind == LabelKind.MultiLabel;
        var test = dataset.IndicesOfSplit("test");
        var testSet = test.ToHashSet();
        var pool = Enumerable.Range(0, dataset.Count).Where(i => !testSet.Contains(i)).ToArray();
        var poolData = dataset.Subset(pool);
        var generator = new Generator(config.Seed ^ 0xF01DUL);
        DataSplit[] folds;
        try
        {
            folds = config.Data.GroupColumn is not null ? GroupKFold.Split(poolData.Groups(), request.Folds, generator)
                : config.MultiLabel ? MultilabelStratifiedKFold.Split(poolData.MultiHot(), request.Folds, generator)
                : StratifiedKFold.Split(poolData.SingleLabels(), request.Folds, generator);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException($"--folds {request.Folds}: {e.Message}; pass a smaller --folds or add rows");
        }
        string metric = config.Recipe.SelectionMetric(config.MultiLabel);
        if (ClipLengthRule.ApplyTo(config, [.. pool.Select(i => dataset.Items[i])]) is { } chosen) observer.Message(chosen);
        var unfittedFrontEnd = config.FrontEnd;

        var outOfFold = new Dictionary<string, float[]>();
        var foldValidation = new List<IReadOnlyDictionary<string, double>>();
        var foldTest = new List<IReadOnlyDictionary<string, double>>();
        var testMembers = new List<float[][]>();
        IReadOnlyList<string> testIds = [];
        for (int k = 0; k < folds.Length; k++)
        {
            observer.FoldStarted(k + 1, folds.Length);
            config.FrontEnd = new Dictionary<string, object>(unfittedFrontEnd); // each fold fits its own normalisation statistics
            var splits = new RunSplits(folds[k].Train.Select(i => pool[i]).ToArray(), folds[k].Test.Select(i => pool[i]).ToArray(), test,
                $"fold {k + 1}'s {folds[k].Test.Length} held-out rows");
            var fit = TrainWorkflow.Fit(config, dataset, splits, FoldRun(request, k + 1), resume: false, observer);
            for (int i = 0; i < fit.ValidationIds.Count; i++) outOfFold[fit.ValidationIds[i]] = fit.ValidationProbabilities[i];
            foldValidation.Add(Score(dataset, fit.ValidationIds, fit.ValidationProbabilities));
            foldTest.Add(fit.Summary.TestMetrics);
            testMembers.Add(fit.TestProbabilities);
            testIds = fit.TestIds;
        }

        var oofIds = pool.Select(i => dataset.Items[i].Id).Where(outOfFold.ContainsKey).ToList();
        var oofProbabilities = oofIds.Select(id => outOfFold[id]).ToArray();
        PredictionFiles.Write(Path.Combine(request.OutDir, "oof.csv"), oofIds, oofProbabilities, dataset.Labels.Names, config.MultiLabel,
            targets: PredictionFiles.Targets(dataset, oofIds));
        var pooled = Score(dataset, oofIds, oofProbabilities);

        IReadOnlyDictionary<string, double> ensemble = new Dictionary<string, double>();
        if (testIds.Count > 0)
        {
            var weights = foldValidation.Select(v => Math.Max(v.GetValueOrDefault(metric, 1.0), 1e-6)).ToArray();
            var combined = Ensemble.Combine(testMembers, EnsembleMethod.Rank, weights);
            PredictionFiles.Write(Path.Combine(request.OutDir, "test_ensemble.csv"), testIds, combined, dataset.Labels.Names, config.MultiLabel,
                targets: PredictionFiles.Targets(dataset, testIds));
            ensemble = Score(dataset, testIds, combined);
        }
        var summary = new CvSummary(foldValidation, pooled, foldTest, ensemble, metric);
        AtomicFile.WriteAllText(Path.Combine(request.OutDir, "cv.json"), JsonSerializer.Serialize(new
        {
            metric,
            folds = foldValidation,
            out_of_fold = pooled,
            fold_test = foldTest,
            ensemble_test = ensemble,
            mean_fold_test = foldTest.Count > 0 && foldTest[0].Count > 0
                ? foldTest[0].Keys.ToDictionary(key => key, key => foldTest.Average(f => f[key]))
                : new Dictionary<string, double>(),
        }, new JsonSerializerOptions { WriteIndented = true }));
        return summary;
    }

    private static RunDirectory FoldRun(CvRequest request, int fold) => new(Path.Combine(request.OutDir, $"fold-{fold}"));

    private static Dictionary<string, double> Score(Dataset dataset, IReadOnlyList<string> ids, float[][] probabilities)
    {
        if (ids.Count == 0) return [];
        var byId = dataset.Items.ToDictionary(i => i.Id);
        if (dataset.Kind == LabelKind.SingleLabel)
            return MetricSuite.SingleLabel(ids.Select(id => byId[id].Label).ToArray(), probabilities);
        var targets = ids.Select(id =>
        {
            var t = new bool[dataset.Labels.Count];
            foreach (var c in byId[id].Labels) t[c] = true;
            return t;
        }).ToArray();
        return MetricSuite.MultiLabel(targets, probabilities);
    }
}
