using Hark.Models;
using static Hark.Onnx.Export.OnnxGraphBuilder;

namespace Hark.Onnx.Export;

/// <summary>
/// The zoo's classifiers as ONNX: each method mirrors the model's Forward and Embed in evaluation mode and returns the
/// names of its logits [batch, classes] and embedding [batch, embedding]. Models outside the zoo are refused by type.
/// </summary>
internal sealed class ClassifierEmitter(LayerEmitter layers)
{
    private OnnxGraphBuilder Graph => layers.Graph;

    /// <summary>inputs: one [batch, channels, height, frames] value per model input, with <paramref name="channels"/> channels each.</summary>
    public (string Logits, string Embedding) Emit(AudioClassifier model, IReadOnlyList<string> inputs, int channels) => model switch
    {
        SeedCnnClassifier seed => SeedCnn(seed.Network, inputs),
        KerasCnn keras => KerasCnn(keras, Fuse(inputs)),
        ResNetSe resnet => ResNetSe(resnet, Fuse(inputs)),
        PannsClassifier panns => Panns(panns, Fuse(inputs)),
        ImageNetClassifier backbone => ImageNet(backbone, new SpectrogramImageEmitter(layers).Emit(backbone.Input, inputs[0], channels, "input")),
        _ => throw new NotSupportedException($"ONNX export: model {model.GetType().Name} has no ONNX translation (exportable: seed-cnn, keras-cnn, resnet-se, the PANNs networks, resnet50 and efficientnet-v2)"),
    };

    // as AudioClassifier.FuseInputs: several inputs stacked as channels
    private string Fuse(IReadOnlyList<string> inputs) =>
        inputs.Count == 1 ? inputs[0] : Graph.Node("Concat", "fused_inputs", inputs, Int("axis", 1));

    // as SeedCnn.Embed / Forward: one branch per input, concatenated; fc1 -> LeakyReLU -> fc2
    private (string, string) SeedCnn(SeedCnn network, IReadOnlyList<string> inputs)
    {
        var branches = inputs.Select((x, i) => layers.Layer(network.Branches[i], x, $"b.{i}")).ToList();
        var embedding = branches.Count == 1 ? branches[0] : Graph.Node("Concat", "b.cat", branches, Int("axis", 1));
        var hidden = Graph.Node("LeakyRelu", "fc1.leaky_relu", [layers.Linear(network.Fc1, embedding, "fc1")], Float("alpha", (float)network.Options.NegativeSlope));
        return (layers.Linear(network.Fc2, hidden, "fc2"), embedding);
    }

    // as KerasCnn.Embed / Forward
    private (string, string) KerasCnn(KerasCnn model, string x)
    {
        for (int i = 0; i < model.Blocks.Count; i++) x = layers.Layer(model.Blocks[i], x, $"blocks.{i}");
        var pooled = layers.ReduceMean(x, [2, 3], keepDims: false, "pool");
        var embedding = layers.Relu(layers.Linear(model.Embedding, pooled, "embedding"), "embedding");
        return (layers.Linear(model.Classifier, embedding, "classifier"), embedding);
    }

    // as ResNetSe.Embed / Forward
    private (string, string) ResNetSe(ResNetSe model, string x)
    {
        x = layers.Relu(layers.BatchNorm(model.Bn1, layers.Conv(model.Conv1, x, "conv1"), "bn1"), "bn1");
        for (int i = 0; i < model.Layers.Count; i++) x = layers.Layer(model.Layers[i], x, $"layer{i + 1}");
        var pooled = layers.ReduceMean(x, [2, 3], keepDims: false, "pool");
        var embedding = layers.Relu(layers.Linear(model.Embedding, pooled, "embedding"), "embedding");
        return (layers.Linear(model.Fc, embedding, "fc"), embedding);
    }

    // as ImageNetClassifier.Embed / Forward: image [batch, 3, size, size] -> body -> average over space -> head
    private (string, string) ImageNet(ImageNetClassifier model, string image)
    {
        switch (model)
        {
            case ResNet resnet:
            {
                var embedding = layers.ReduceMean(ResNetBody(resnet, image), [2, 3], keepDims: false, "pool");
                return (layers.Linear(resnet.Fc, embedding, "fc"), embedding);
            }
            case EfficientNetV2 efficientNet:
            {
                var embedding = layers.ReduceMean(layers.Sequential(efficientNet.Features, image, "features"), [2, 3], keepDims: false, "pool");
                return (layers.Sequential(efficientNet.Classifier, embedding, "classifier"), embedding);
            }
            default:
                throw new NotSupportedException($"ONNX export: backbone {model.GetType().Name} has no ONNX translation");
        }
    }

    // as ResNet.Body: stem conv, BN, ReLU, 3x3/2 max-pool, the four stages
    private string ResNetBody(ResNet model, string image)
    {
        var x = layers.Relu(layers.BatchNorm(model.Bn1, layers.Conv(model.Conv1, image, "conv1"), "bn1"), "bn1");
        x = layers.MaxPool(x, (3, 3), (2, 2), (1, 1), "maxpool");
        for (int i = 0; i < model.Layers.Count; i++) x = layers.Sequential(model.Layers[i], x, $"layer{i + 1}");
        return x;
    }

    // as PannsClassifier.Forward / Embed (both heads)
    private (string, string) Panns(PannsClassifier model, string input)
    {
        var features = PannsFeatures(model, input);
        if (model.FcAudioset is not null)
        {
            var pooled = layers.Add(layers.ReduceMax(features, [2], keepDims: false, "pool.max"), layers.ReduceMean(features, [2], keepDims: false, "pool.mean"), "pool");
            var clipEmbedding = layers.Relu(layers.Linear(model.Fc1, pooled, "fc1"), "fc1");
            return (layers.Linear(model.FcAudioset, clipEmbedding, "fc_audioset"), clipEmbedding);
        }
        var frames = FrameEmbeddings(model, features);
        var embedding = layers.ReduceMean(frames, [1], keepDims: false, "embedding");
        var clip = AttentionPool(model.AttBlock!, frames, "att_block");
        if (model.AttBlock!.Activation == AttentionActivation.Linear) return (clip, embedding);
        // the attention head pools probabilities; the logit log(p / (1 - p)) as PannsClassifier.Forward computes it
        var p = Graph.Node("Clip", "att_block.clamp", [clip, Graph.Scalar(1e-7f), Graph.Scalar(1 - 1e-7f)]);
        var complement = Graph.Node("Sub", "att_block.complement", [Graph.Scalar(1f), p]);
        var logits = Graph.Node("Sub", "att_block.logit", [Graph.Node("Log", "att_block.log_p", [p]), Graph.Node("Log", "att_block.log_1mp", [complement])]);
        return (logits, embedding);
    }

    // input [batch, channels, mels, frames] -> body features averaged over mels [batch, channels', frames']
    private string PannsFeatures(PannsClassifier model, string input)
    {
        var transposed = Graph.Node("Transpose", "bn0.transpose", [input], Ints("perm", 0, 2, 1, 3));
        var normalised = layers.BatchNorm(model.Bn0, transposed, "bn0");
        var x = Graph.Node("Transpose", "bn0.permute", [normalised], Ints("perm", 0, 2, 3, 1));
        x = model switch
        {
            PannsCnn cnn => cnn.ConvBlocks.Select((block, i) => (block, i)).Aggregate(x, (h, b) => layers.Layer(b.block, h, $"conv_block{b.i + 1}")),
            ResNet38 resnet => layers.Layer(resnet.ConvBlockAfter1,
                layers.AveragePool(layers.Layer(resnet.Resnet, layers.Layer(resnet.ConvBlock1, x, "conv_block1"), "resnet"), (2, 2), (2, 2), (0, 0), "resnet.pool"),
                "conv_block_after1"),
            _ => throw new NotSupportedException($"ONNX export: PANNs body {model.GetType().Name} has no ONNX translation"),
        };
        return layers.ReduceMean(x, [3], keepDims: false, "features");
    }

    // features [batch, channels, frames] -> fc1 per frame after 3-frame max + average smoothing [batch, frames, embedding]
    private string FrameEmbeddings(PannsClassifier model, string features)
    {
        var x = Graph.Node("Unsqueeze", "smooth.unsqueeze", [features, Graph.Int64s(3)]);
        var smoothed = layers.Add(layers.MaxPool(x, (3, 1), (1, 1), (1, 0), "smooth.max"), layers.AveragePool(x, (3, 1), (1, 1), (1, 0), "smooth.avg"), "smooth");
        var squeezed = Graph.Node("Squeeze", "smooth.squeeze", [smoothed, Graph.Int64s(3)]);
        var perFrame = Graph.Node("Transpose", "smooth.transpose", [squeezed], Ints("perm", 0, 2, 1));
        return layers.Relu(layers.Linear(model.Fc1, perFrame, "fc1"), "fc1");
    }

    // as AttentionPool.Forward: x [batch, frames, features] -> clip scores [batch, classes]
    private string AttentionPool(AttentionPool pool, string x, string path)
    {
        var clamped = Graph.Node("Clip", path + ".att.clamp", [layers.PointwiseConv1d(pool.Att, x, path + ".att"), Graph.Scalar(-10f), Graph.Scalar(10f)]);
        var attention = Graph.Node("Softmax", path + ".att.softmax", [clamped], Int("axis", 1));
        var scores = layers.PointwiseConv1d(pool.Cla, x, path + ".cla");
        if (pool.Activation == AttentionActivation.Sigmoid) scores = Graph.Node("Sigmoid", path + ".cla.sigmoid", [scores]);
        return Graph.Node("ReduceSum", path, [layers.Mul(attention, scores, path + ".weighted"), Graph.Int64s(1)], Int("keepdims", 0));
    }
}
