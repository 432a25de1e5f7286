using Hark.Nn.Optim;
using Hark.Tensors;

namespace Hark.Models.Tests;

/// <summary>Shared by the models' tests: random batches from a seeded generator and a few Adam steps on a fixed batch.</summary>
public static class TrainingStep
{
    public static Tensor Gaussian(Generator generator, params int[] shape)
    {
        var data = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < data.Length; i++) data[i] = (float)generator.NextGaussian();
        return Tensor.FromArray(data, shape);
    }

    /// <summary>Cross-entropy on one fixed batch before and after <paramref name="steps"/> Adam steps, in training mode.</summary>
    public static (float Before, float After) Losses(AudioClassifier model, int[] inputShape, int steps = 5, double lr = 3e-3)
    {
        var generator = new Generator(11);
        var inputs = Enumerable.Range(0, model.InputCount).Select(_ => Gaussian(generator, inputShape)).ToArray();
        var targets = Enumerable.Range(0, inputShape[0]).Select(i => i % model.ClassCount).ToArray();
        var optimizer = new Adam(model.Parameters(), lr);
        model.Train();
        float before = 0, after = 0;
        for (int step = 0; step <= steps; step++)
        {
            model.ZeroGrad();
            var loss = Ops.CrossEntropy(model.Forward(inputs), targets);
            if (step == 0) before = loss.Item();
            if (step == steps) { after = loss.Item(); break; }
            loss.Backward();
            optimizer.Step();
        }
        return (before, after);
    }
}
