using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// torchvision.models.resnet50 (and its other Bottleneck depths, <see cref="ResNetOptions"/>) with torchvision's key
/// names: <c>conv1</c>, <c>bn1</c>, <c>layer1.0.conv1.weight</c>, <c>layer2.0.downsample.0.weight</c>, <c>fc.weight</c>.
/// Stem 7x7/2 conv, BN, ReLU, 3x3/2 max-pool; four stages at strides 1, 2, 2, 2; global average pooling (the
/// embedding, 4 x 8 x width); dropout (0: torchvision has none); <c>fc</c>. Weights start as torchvision's.
/// </summary>
public sealed class ResNet : ImageNetClassifier
{
    private readonly List<Sequential> stages = [];
    private readonly List<string> blockPrefixes = [];

    public ResNet(ResNetOptions options, Generator generator) : base(options.Input, options.Classes)
    {
        if (options.Classes <= 0 || options.Width <= 0 || options.StemWidth <= 0 || options.Blocks.Count == 0 || options.Blocks.Any(b => b <= 0))
            throw new ArgumentException($"ResNet: classes ({options.Classes}), width ({options.Width}), stem width ({options.StemWidth}) and every stage's block count ({string.Join(", ", options.Blocks)}) must be positive");
        Options = options;
        Conv1 = RegisterModule("conv1", new Conv2d(3, options.StemWidth, 7, generator, stride: 2, padding: 3, bias: false));
        Bn1 = RegisterModule("bn1", new BatchNorm2d(options.StemWidth));
        int channels = options.StemWidth;
        for (int stage = 0; stage < options.Blocks.Count; stage++)
        {
            int width = options.Width << stage;
            var layer = new Sequential();
            for (int block = 0; block < options.Blocks[stage]; block++)
            {
                blockPrefixes.Add($"layer{stage + 1}.{block}.");
                layer.Append(new Bottleneck(channels, width, block == 0 && stage > 0 ? 2 : 1, generator));
                channels = width * ResNetOptions.Expansion;
            }
            stages.Add(RegisterModule($"layer{stage + 1}", layer));
        }
        EmbeddingSize = channels;
        HeadDropout = RegisterModule("head_dropout", new Dropout(generator.Fork(), options.HeadDropout));
        Fc = RegisterModule("fc", new Linear(channels, options.Classes, generator));
        TorchvisionConvInit(generator);
    }

    public ResNetOptions Options { get; }
    public Conv2d Conv1 { get; }
    public BatchNorm2d Bn1 { get; }
    public IReadOnlyList<Sequential> Layers => stages;
    public Dropout HeadDropout { get; }
    public Linear Fc { get; }
    public override int EmbeddingSize { get; }
    protected override string HeadPrefix => "fc.";
    protected override IReadOnlyList<string> StemPrefixes { get; } = ["conv1.", "bn1."];
    protected override IReadOnlyList<string> BlockPrefixes => blockPrefixes;

    protected override Tensor Body(Tensor image)
    {
        var x = Ops.MaxPool2d(ConvBatchNormRelu.Forward(image, Conv1, Bn1), 3, 2, 1);
        foreach (var stage in stages) x = stage.Forward(x);
        return x;
    }

    protected override Tensor Head(Tensor pooled) => Fc.Forward(HeadDropout.Forward(pooled));
}
