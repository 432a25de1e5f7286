using Hark.Audio.FrontEnds;
using Hark.Models;
using Hark.Nn;
using Hark.Onnx.Export;
using Hark.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Hark.Onnx.Tests;

/// <summary>
/// Every zoo model exported to ONNX and run by ONNX Runtime gives Hark's logits, probabilities and embedding within
/// 1e-4 (features in), the ImageNet backbones with their input stage. Batch-norm statistics are randomised first, so a
/// wrong axis or a missing layer shows.
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
        var config = new ModelConfig { Name = name, Width = name.StartsWith("seed", StringComparison.Ordinal) || name == "keras-cnn" ? 8 : name == "resnet-se" ? 8 : 4 };
        AssertOnnxRuntimeGivesHarksOutputs(config, inputCount, channels, multiLabel, [64]);
    }

    /// <summary>
    /// The ImageNet backbones at reduced width and depth (resnet50 at width 4, EfficientNetV2 at 0.25 x both), with
    /// their input stage (repeat or deltas, resized or not, ImageNet-normalised or not, log-mels or 3-channel images);
    /// two frame counts through one file, as the resize follows the frames; and EfficientNetV2 with timm's TensorFlow
    /// "same" padding unresized, so its strided convs meet odd sizes (50 frames -> 25 -> 13 ...).
    /// </summary>
    public static TheoryData<string, int, string, int, string, bool> Backbones => new()
    {
        { "resnet50", 1, "repeat", 48, "imagenet", false },
        { "efficientnet-v2-s", 1, "deltas", 40, "imagenet", false },
        { "efficientnet-v2-m", 1, "repeat", 0, "none", false },
        { "efficientnet-v2-s", 3, "repeat", 36, "imagenet", false },
        { "efficientnet-v2-s", 1, "repeat", 0, "none", true },
    };

    [Theory]
    [MemberData(nameof(Backbones))]
    public void OnnxRuntimeGivesHarksOutputsForTheImageNetBackbones(string name, int channels, string imageChannels, int imageSize, string normalization, bool tfSamePadding)
    {
        var config = new ModelConfig
        {
            Name = name,
            Width = name == "resnet50" ? 4 : null,
            WidthMultiplier = name == "resnet50" ? null : 0.25,
            DepthMultiplier = name == "resnet50" ? null : 0.25,
            ImageChannels = imageChannels == "deltas" ? ImageChannels.Deltas : ImageChannels.Repeat,
            ImageSize = imageSize == 0 ? null : imageSize,
            ImageNormalization = normalization == "none" ? InputNormalization.None : InputNormalization.ImageNet,
            TfSamePadding = name == "resnet50" ? null : tfSamePadding,
        };
        AssertOnnxRuntimeGivesHarksOutputs(config, 1, channels, multiLabel: false, [64, 50]);
    }

    [Fact]
    public void EveryZooModelHasAnExportTest()
    {
        // cnn14-16k is cnn14's network (it differs in the front end only)
        var tested = Models.Concat(Backbones).Select(row => (string)row[0]).Append("cnn14-16k").ToHashSet();
        var untested = ModelZoo.Names.Where(name => !tested.Contains(name)).ToList();
        Assert.True(untested.Count == 0, $"zoo models without an ONNX export test: {string.Join(", ", untested)}");
    }

    // a model of config (batch norms randomised, evaluation mode) exported with features in, then ONNX Runtime and Hark
    // on random batches of each frame count
    private static void AssertOnnxRuntimeGivesHarksOutputs(ModelConfig config, int inputCount, int channels, bool multiLabel, int[] frameCounts)
    {
        const int classes = 5, mels = 32, batch = 2;
        string name = config.Name;
        var model = ModelZoo.Create(config, new ModelInputs(classes, inputCount, channels, mels), new Generator(3));
        RandomiseBatchNorms(model, new Generator(4));
        model.Eval();
        var shapes = Enumerable.Range(0, inputCount).Select(_ => new[] { channels, mels, frameCounts[0] }).ToList();
        var metadata = new OnnxMetadata([.. Enumerable.Range(0, classes).Select(i => $"c{i}")], multiLabel, FrontEnd.Preset("panns32k"), "features", name, OnnxExport.HarkVersion);
        using var session = new InferenceSession(OnnxExport.ToBytes(model, shapes, metadata));
        var names = inputCount == 1 ? ["features"] : Enumerable.Range(0, inputCount).Select(i => $"features_{i}").ToArray();
        var generator = new Generator(5);
        foreach (int frames in frameCounts)
        {
            var inputs = shapes.Select(s => Gaussian(generator, batch, s[0], s[1], frames)).ToArray();
            var values = inputs.Select(x => OrtValue.CreateTensorValueFromMemory(x.ToArray(), [.. x.Shape.ToArray().Select(d => (long)d)])).ToArray();
            using var results = session.Run(new RunOptions(), names, values, ["logits", "probabilities", "embedding"]);
            var logits = model.Forward(inputs);
            var probabilities = multiLabel ? Ops.Sigmoid(logits) : Ops.Softmax(logits, 1);
            string what = $"{name} ({frames} frames)";
            AssertClose(logits.ToArray(), results[0].GetTensorDataAsSpan<float>().ToArray(), $"{what} logits");
            AssertClose(probabilities.ToArray(), results[1].GetTensorDataAsSpan<float>().ToArray(), $"{what} probabilities");
            AssertClose(model.Embed(inputs).ToArray(), results[2].GetTensorDataAsSpan<float>().ToArray(), $"{what} embedding");
            foreach (var value in values) value.Dispose();
        }
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
