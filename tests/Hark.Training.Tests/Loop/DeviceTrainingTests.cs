using Hark.Data;
using Hark.Features.Augmentation;
using Hark.Features.Examples;
using Hark.Models;
using Hark.Nn.Optim;
using Hark.Tensors;
using Hark.Training.Configuration;
using Hark.Training.Loop;

namespace Hark.Training.Tests.Loop;

/// <summary>
/// The training stages above the engine on a device that is not the CPU (the test-only "checked" device, whose memory
/// the host cannot read): the batch moves once to the model's device, every loss takes logits there, and evaluation
/// reads back only probabilities, with the CPU's numbers.
/// </summary>
public sealed class DeviceTrainingTests
{
    private static readonly int[][] Shapes = [[1, 16, 12]];
    private const int Count = 6, Classes = 3;

    private static FeatureSet Examples(bool multiLabel)
    {
        var generator = new Generator(21);
        var inputs = new float[Count * 16 * 12];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)generator.NextGaussian();
        int[] labels = [0, 1, 2, 0, 1, 2];
        float[] targets = [1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 1];
        return new FeatureSet(["a", "b", "c", "d", "e", "f"], Shapes, [inputs], multiLabel ? null : labels, multiLabel ? targets : null, Classes);
    }

    /// <summary>Two optimiser steps of keras-cnn with the recipe's loss (mixup on), then evaluation: losses and probabilities.</summary>
    private static (float[] Losses, float[] Probabilities) Run(Device device, LossKind loss, bool multiLabel)
    {
        var examples = Examples(multiLabel);
        var recipe = new RecipeConfig { Loss = loss, LabelSmoothing = 0.1f };
        var model = ModelFactory.Create(new ModelConfig { Name = "keras-cnn", Width = 4 }, Shapes, Classes, seed: 3);
        model.To(device);
        Assert.Equal(device, model.Device);
        var weights = multiLabel ? (Class: (Tensor?)null, Pos: (Tensor?)Tensor.FromArray([1f, 2f, 0.5f])) : (Tensor.FromArray([1f, 2f, 0.5f]), null);
        var lossFunction = new LossFunction(recipe, multiLabel, weights.Item1, weights.Item2);
        var optimizer = new AdamW(model.Parameters(), lr: 0.01);
        var generator = new Generator(8);
        var losses = new float[2];
        int[] indices = [0, 1, 2, 3, 4, 5];
        for (int step = 0; step < losses.Length; step++)
        {
            var mix = new MixResult(examples.Batch(indices), [1, 0, 3, 2, 5, 4], 0.7f, MixKind.MixUp);
            var batchLoss = lossFunction.Compute(model.Forward(model.OnModelDevice(mix.Inputs)), examples, indices, mix);
            optimizer.ZeroGrad();
            batchLoss.Backward();
            optimizer.Step();
            losses[step] = batchLoss.Item();
        }
        var rows = EvaluationPass.Rows(model, [examples], batchSize: 4, batch => EvaluationPass.Probabilities(model.Forward(batch), multiLabel));
        return (losses, rows[0].SelectMany(row => row).ToArray());
    }

    [Theory]
    [InlineData(LossKind.Ce, false)]
    [InlineData(LossKind.Gce, false)]
    [InlineData(LossKind.Sce, false)]
    [InlineData(LossKind.Bce, true)]
    [InlineData(LossKind.Focal, true)]
    [InlineData(LossKind.Sce, true)]
    public void TrainingAndEvaluationOnAnotherDeviceGiveTheCpuNumbers(LossKind loss, bool multiLabel)
    {
        var cpu = Run(Device.Cpu, loss, multiLabel);
        var device = Run(CheckedBackend.Device0, loss, multiLabel);
        Assert.Equal(cpu.Losses, device.Losses);
        Assert.Equal(cpu.Probabilities, device.Probabilities);
    }
}
