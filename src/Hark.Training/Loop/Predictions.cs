using Hark.Models;
using Hark.Tensors;
using Hark.Tensors.Autograd;
using Hark.Features.Examples;

namespace Hark.Training.Loop;

/// <summary>Runs a model over a feature set in evaluation mode and returns probabilities (softmax or sigmoid) and the mean loss.</summary>
public static class Predictions
{
    /// <summary>Row-major [examples, classes] probabilities.</summary>
    public static float[] Probabilities(AudioClassifier model, FeatureSet examples, bool multiLabel, int batchSize = 128) =>
        Run(model, examples, multiLabel, batchSize, loss: null).Probabilities;

    public static (float[] Probabilities, double MeanLoss) Run(AudioClassifier model, FeatureSet examples, bool multiLabel, int batchSize, LossFunction? loss)
    {
        var probabilities = new float[examples.Count * model.ClassCount];
        double lossSum = 0;
        bool wasTraining = model.Training;
        model.Eval();
        try
        {
            using var _ = Graph.NoGrad();
            var order = Enumerable.Range(0, examples.Count).ToArray();
            for (int start = 0; start < examples.Count; start += batchSize)
            {
                var indices = order.AsSpan(start, Math.Min(batchSize, examples.Count - start));
                using var batch = MemoryScope.Begin();
                var logits = model.Forward(model.OnModelDevice(examples.Batch(indices)));
                if (loss is not null) lossSum += loss.Compute(logits, examples, indices, mix: null).Item() * indices.Length;
                var p = multiLabel ? Ops.Sigmoid(logits) : Ops.Softmax(logits, 1);
                p.ToArray().CopyTo(probabilities.AsSpan(start * model.ClassCount));
            }
        }
        finally
        {
            model.Train(wasTraining);
        }
        return (probabilities, examples.Count > 0 ? lossSum / examples.Count : double.NaN);
    }
}
