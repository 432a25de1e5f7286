using Hark.Evaluation;
using Hark.Models;
using Hark.Features.Examples;

namespace Hark.Training.Loop;

/// <summary>Mean loss and the metric suite of a model on a labelled feature set (NaN and no metrics for an empty set).</summary>
public static class Scoring
{
    public static (double Loss, Dictionary<string, double> Metrics, float[][] Probabilities) Score(AudioClassifier model, FeatureSet examples, LossFunction loss, int batchSize = 128)
    {
        if (examples.Count == 0) return (double.NaN, [], []);
        var rows = new float[examples.Count][];
        double lossSum = 0;
        EvaluationPass.Run(model, [examples], batchSize, model.Forward, (logits, batch) =>
        {
            var indices = batch.Select(r => r.Row).ToArray();
            lossSum += loss.Compute(logits, examples, indices, mix: null).Item() * indices.Length;
            var values = EvaluationPass.Split(EvaluationPass.Probabilities(logits, examples.IsMultiLabel));
            for (int b = 0; b < indices.Length; b++) rows[indices[b]] = values[b];
        });
        return (lossSum / examples.Count, Metrics(examples, rows), rows);
    }

    /// <summary>The metric suite of probabilities <paramref name="rows"/> [examples][classes] against the labels of <paramref name="examples"/>.</summary>
    public static Dictionary<string, double> Metrics(FeatureSet examples, float[][] rows) => examples.IsMultiLabel
        ? MetricSuite.MultiLabel(examples.MultiHot(), rows)
        : MetricSuite.SingleLabel(examples.Labels!, rows);
}
