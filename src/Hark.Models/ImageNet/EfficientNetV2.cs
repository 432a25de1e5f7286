using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// torchvision.models.efficientnet_v2_s / efficientnet_v2_m with torchvision's key names: <c>features.0</c> (3x3/2
/// stem conv, BN, SiLU), <c>features.1</c> ... one Sequential of <see cref="MBConv"/> blocks per stage
/// (<c>features.1.0.block.0.0.weight</c>), the last 1x1 conv to <see cref="EfficientNetV2Options.LastChannel"/>, global
/// average pooling (the embedding), then <c>classifier</c> = dropout (<c>classifier.0</c>) and linear
/// (<c>classifier.1</c>). Block i of n has stochastic-depth probability StochasticDepth x i / n, as torchvision.
/// Weights start as torchvision's: convolutions kaiming-normal (fan_out), the linear layer U(-1/sqrt(classes), 1/sqrt(classes)).
/// </summary>
public sealed class EfficientNetV2 : ImageNetClassifier
{
    public EfficientNetV2(EfficientNetV2Options options, Generator generator) : base(options.Input, options.Classes)
    {
        if (options.Classes <= 0 || options.LastChannel <= 0 || options.Stages.Count == 0
            || options.Stages.Any(s => s.Layers <= 0 || s.InChannels <= 0 || s.OutChannels <= 0 || s.ExpandRatio <= 0 || s.Kernel <= 0 || s.Stride is < 1 or > 2))
            throw new ArgumentException($"EfficientNetV2: classes ({options.Classes}), the last channel count ({options.LastChannel}) and every stage's layers, channels, expansion and kernel must be positive and strides 1 or 2");
        Options = options;
        double eps = options.BatchNormEps;
        var features = new Sequential(new Conv2dNormActivation(3, options.Stages[0].InChannels, 3, 2, eps, generator, tfSamePadding: options.TfSamePadding));
        int total = options.Stages.Sum(s => s.Layers), index = 0;
        var blockPrefixes = new List<string>();
        foreach (var stage in options.Stages)
        {
            var blocks = new Sequential();
            for (int layer = 0; layer < stage.Layers; layer++, index++)
            {
                blockPrefixes.Add($"features.{features.Count}.{layer}.");
                int inChannels = layer == 0 ? stage.InChannels : stage.OutChannels;
                blocks.Append(new MBConv(stage, inChannels, layer == 0 ? stage.Stride : 1, options.StochasticDepth * index / total, eps, generator, options.TfSamePadding));
            }
            features.Append(blocks);
        }
        features.Append(new Conv2dNormActivation(options.Stages[^1].OutChannels, options.LastChannel, 1, 1, eps, generator));
        Features = RegisterModule("features", features);
        BlockPrefixes = blockPrefixes;
        Classifier = RegisterModule("classifier", new Sequential(new Dropout(generator.Fork(), options.Dropout), new Linear(options.LastChannel, options.Classes, generator)));
        TorchvisionConvInit(generator);
        var linear = (Linear)Classifier[1];
        double range = 1 / Math.Sqrt(linear.OutFeatures);
        Initializers.Uniform(linear.Weight, -range, range, generator);
        Initializers.Zeros(linear.Bias!);
    }

    public EfficientNetV2Options Options { get; }
    public Sequential Features { get; }
    public Sequential Classifier { get; }
    public override int EmbeddingSize => Options.LastChannel;
    protected override string HeadPrefix => "classifier.";
    protected override IReadOnlyList<string> StemPrefixes { get; } = ["features.0."];
    protected override IReadOnlyList<string> BlockPrefixes { get; }

    protected override Tensor Body(Tensor image) => Features.Forward(image);

    protected override Tensor Head(Tensor pooled) => Classifier.Forward(pooled);
}
