using Hark.Audio.FrontEnds;
using Hark.Models;
using Hark.Nn;
using Hark.Onnx.Export;
using Hark.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Hark.Onnx.Tests;

/// <summary>
/// Every zoo model exported to ONNX and run by ONNX Runtime gives Hark's logits, probabilities and embedding within
/// 1e-4 (features in). Batch-norm statistics are randomised first, so a wrong axis or a missing layer shows.
/// </summary>
public sealed class ZooExportTests
{
    public static TheoryData<string, int, int, bool> Models => new()
    {
        { "seed-cnn", 3, 3, false },
        { "seed-cnn", 1, 1, true },
        { "keras-cnn", 2, 1, false },
        { "resnet-se", 1, 2, true },
        { "cnn14", 1, 1, true },
        { "cnn14-decision-level-att", 1, 1, true },
        { "cnn10", 1, 1, false },
        { "resnet38", 1, 1, true },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void OnnxRuntimeGivesHarksOutputs(string name, int inputCount, int channels, bool multiLabel)
    {
        const int classes = 5, mels = 32, frames = 64, batch = 2;
        var config = new ModelConfig { Name = name, Width = name.StartsWith("seed", StringComparison.Ordinal) || name == "keras-cnn" ? 8 : name == "resnet-se" ? 8 : 4 };
        var model = ModelZoo.Create(config, new ModelInputs(classes, inputCount, channels, mels), new Generator(3));
        RandomiseBatchNorms(model, new Generator(4));
        model.Eval();
        var shapes = Enumerable.Range(0, inputCount).Select(_ => new[] { channels, mels, frames }).ToList();
        var metadata = new OnnxMetadata([.. Enumerable.Range(0, classes).Select(i => $"c{i}")], multiLabel, FrontEnd.Preset("panns32k"), "features", name, OnnxExport.HarkVersion);
        var bytes = OnnxExport.ToBytes(model, shapes, metadata);

        var generator = new Generator(5);
        var inputs = shapes.Select(s => Gaussian(generator, batch, s[0], s[1], s[2])).ToArray();
        using var session = new InferenceSession(bytes);
        var names = inputCount == 1 ? ["features"] : Enumerable.Range(0, inputCount).Select(i => $"features_{i}").ToArray();
        var values = inputs.Select(x => OrtValue.CreateTensorValueFromMemory(x.ToArray(), [.. x.Shape.ToArray().Select(d => (long)d)])).ToArray();
        using var results = session.Run(new RunOptions(), names, values, ["logits", "probabilities", "embedding"]);

        var logits = model.Forward(inputs);
        var probabilities = multiLabel ? Ops.Sigmoid(logits) : Ops.Softmax(logits, 1);
        AssertClose(logits.ToArray(), results[0].GetTensorDataAsSpan<float>().ToArray(), $"{name} logits");
        AssertClose(probabilities.ToArray(), results[1].GetTensorDataAsSpan<float>().ToArray(), $"{name} probabilities");
        AssertClose(model.Embed(inputs).ToArray(), results[2].GetTensorDataAsSpan<float>().ToArray(), $"{name} embedding");
        foreach (var value in values) value.Dispose();
    }

    [Fact]
    public void ExportRefusesAModelInTrainingMode()
    {
        var model = ModelZoo.Create(new ModelConfig { Name = "keras-cnn", Width = 4 }, new ModelInputs(2), new Generator(1));
        var metadata = new OnnxMetadata(["a", "b"], false, FrontEnd.Preset("panns32k"), "features", "keras-cnn", OnnxExport.HarkVersion);
        var error = Assert.Throws<InvalidOperationException>(() => OnnxExport.ToBytes(model, [[1, 32, 32]], metadata));
        Assert.Contains("training mode", error.Message);
    }

    internal static void RandomiseBatchNorms(Module model, Generator generator)
    {
        foreach (var (_, module) in model.NamedModules())
        {
            if (module is not BatchNorm norm) continue;
            var mean = norm.RunningMean!.Span;
            var variance = norm.RunningVar!.Span;
            for (int i = 0; i < mean.Length; i++)
            {
                mean[i] = 0.2f * (generator.NextFloat() - 0.5f);
                variance[i] = 0.5f + generator.NextFloat();
                norm.Weight!.Span[i] = 0.5f + generator.NextFloat();
                norm.Bias!.Span[i] = 0.2f * (generator.NextFloat() - 0.5f);
            }
        }
    }

    internal static Tensor Gaussian(Generator generator, params int[] shape)
    {
        var data = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < data.Length; i++) data[i] = generator.NextFloat() * 2 - 1;
        return Tensor.FromArray(data, shape);
    }

    internal static void AssertClose(float[] expected, float[] actual, string what, float tolerance = 1e-4f)
    {
        Assert.Equal(expected.Length, actual.Length);
        float worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]) / Math.Max(1f, Math.Abs(expected[i])));
        Assert.True(worst <= tolerance, $"{what}: largest difference {worst:G3} > {tolerance:G3}");
    }
}
