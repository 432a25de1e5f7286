using System.Diagnostics;
using Hark.Data;
using Hark.Evaluation.Reports;
using Hark.Features.Examples;
using Hark.Models;
using Hark.Nn.Checkpoints;
using Hark.Tensors.Autograd;
using Hark.Training.Configuration;
using Hark.Training.Loop;
using Hark.Training.Runs;
using MathNet.Numerics.LinearAlgebra;

namespace Hark.Training.Probe;

/// <summary>
/// recipe.linear_probe: the body stays as loaded (model.pretrained); every training example is embedded once
/// (<see cref="EmbeddingCache"/>) and the head (fc_audioset) becomes the <see cref="LogisticRegression"/> fitted on
/// those embeddings (standardised first unless recipe.probe_standardize is off, the scaling folded into the head).
/// The run directory then holds an ordinary model.safetensors, so eval, predict and serve read it
/// like any run: softmax (single-label) or sigmoid (multi-label) of the head's logits are the regression's probabilities.
/// </summary>
public static class LinearProbe
{
    public static TrainingOutcome Fit(AudioClassifier model, RecipeConfig recipe, FeatureSet train, FeatureSet validation, RunDirectory run,
        string? cacheRoot, ITrainingObserver observer)
    {
        var head = (model as PannsClassifier)?.FcAudioset
            ?? throw new ConfigException($"recipe.linear_probe: the probe fits a PANNs model's fc_audioset head (mean_max pooling); {model.GetType().Name} with this head has none");
        if (train.Count == 0) throw new ArgumentException("LinearProbe: the training set is empty");
        var clock = Stopwatch.StartNew();
        var embeddings = EmbeddingCache.Embed(model, train, cacheRoot, out bool cached);
        observer.Message($"probe: {train.Count} training embeddings of {model.EmbeddingSize} values {(cached ? "read from the cache" : "computed")} in {clock.Elapsed.TotalSeconds:F1} s");

        int features = model.EmbeddingSize;
        var (mean, scale) = recipe.ProbeStandardize ? Standardization(embeddings, features) : (new double[features], Enumerable.Repeat(1.0, features).ToArray());
        var x = Matrix<double>.Build.Dense(train.Count, features, (i, j) => (embeddings[i][j] - mean[j]) / scale[j]);
        var targets = Targets(train);
        var fitClock = Stopwatch.StartNew();
        var regression = LogisticRegression.Fit(x, targets, train.IsMultiLabel, recipe.ProbeC, recipe.ProbeMaxIterations);
        observer.Message($"probe: logistic regression (C={recipe.ProbeC}, {(train.IsMultiLabel ? "one-vs-rest" : "softmax")}{(recipe.ProbeStandardize ? ", standardised" : "")}) fitted in {regression.Iterations} L-BFGS iterations, {fitClock.Elapsed.TotalSeconds:F1} s");

        // w . (e - mean) / scale + b = (w / scale) . e + (b - sum w mean / scale): the head reads raw embeddings
        using (Graph.NoGrad())
        {
            var weight = head.Weight.Span;
            for (int k = 0; k < model.ClassCount; k++)
            {
                double bias = regression.Bias[k];
                for (int f = 0; f < features; f++)
                {
                    weight[k * features + f] = (float)(regression.Weight[k, f] / scale[f]);
                    bias -= regression.Weight[k, f] * mean[f] / scale[f];
                }
                head.Bias!.Span[k] = (float)bias;
            }
        }
        var loss = new LossFunction(recipe, train.IsMultiLabel, null, null);
        var trained = Scoring.Score(model, train, loss);
        var scored = Scoring.Score(model, validation, loss);
        double seconds = clock.Elapsed.TotalSeconds;
        var record = new EpochRecord(1, trained.Loss, scored.Loss, scored.Metrics, 0, seconds, train.Count / seconds);
        StateDictFile.Save(run.Model, model);
        HistoryFiles.Write(run, [record]);
        observer.EpochFinished(record, isBest: true, 1);
        return new TrainingOutcome([record], 1, double.NaN);
    }

    // per-dimension mean and (population) standard deviation, 1 where a dimension is constant, as StandardScaler
    private static (double[] Mean, double[] Scale) Standardization(float[][] embeddings, int features)
    {
        var mean = new double[features];
        var scale = new double[features];
        foreach (var row in embeddings) for (int f = 0; f < features; f++) mean[f] += row[f];
        for (int f = 0; f < features; f++) mean[f] /= embeddings.Length;
        foreach (var row in embeddings) for (int f = 0; f < features; f++) scale[f] += (row[f] - mean[f]) * (row[f] - mean[f]);
        for (int f = 0; f < features; f++)
        {
            scale[f] = Math.Sqrt(scale[f] / embeddings.Length);
            if (scale[f] < 1e-12) scale[f] = 1;
        }
        return (mean, scale);
    }

    // one-hot rows (single-label) or the 0/1 targets (multi-label), [examples, classes]
    private static Matrix<double> Targets(FeatureSet train)
    {
        var targets = Matrix<double>.Build.Dense(train.Count, train.ClassCount);
        if (train.IsMultiLabel)
        {
            var multiHot = train.MultiHot();
            for (int i = 0; i < train.Count; i++)
                for (int k = 0; k < train.ClassCount; k++) targets[i, k] = multiHot[i][k] ? 1 : 0;
        }
        else
        {
            for (int i = 0; i < train.Count; i++) targets[i, train.Labels![i]] = 1;
        }
        return targets;
    }
}
