using Hark.Evaluation;
using Hark.Models;
using Hark.Features.Examples;
using Hark.Training.Loop;

namespace Hark.Training.Loop;

/// <summary>Mean loss and the metric suite of a model on a labelled feature set (NaN and no metrics for an empty set).</summary>
public static class Scoring
{
    public static (double Loss, Dictionary<string, double> Metrics, float[][] Probabilities) Score(AudioClassifier model, FeatureSet examples, LossFunction loss, int batchSize = 128)
    {
        if (examples.Count == 0) return (double.NaN, [], []);
        var (probabilities, meanLoss) = Predictions.Run(model, examples, examples.IsMultiLabel, batchSize, loss);
        var rows = MetricSuite.Rows(probabilities, examples.ClassCount);
        var metrics = examples.IsMultiLabel
            ? MetricSuite.MultiLabel(examples.MultiHot(), rows)
            : MetricSuite.SingleLabel(examples.Labels!, rows);
        return (meanLoss, metrics, rows);
    }
}
