using Hark.Nn;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Models;

/// <summary>
/// Pipeline E's residual CNN with squeeze-and-excitation. Stem: 3x3 conv with stride 2 (halving mels and frames),
/// batch norm, ReLU. Then <see cref="ResNetSeOptions.Stages"/> stages of <see cref="SeBasicBlock"/>s, the first at
/// stride 1 and the others at stride 2, each doubling the width; global average pooling; <c>embedding</c>
/// (Linear + ReLU, the vector <see cref="Embed"/> returns); dropout; the classifier <c>fc</c> giving logits.
/// Names follow torchvision/timm (<c>conv1</c>, <c>bn1</c>, <c>layer1.0.se.fc1.weight</c>,
/// <c>layer2.0.downsample.0.weight</c>, <c>fc.weight</c>); convolutions start kaiming-normal (fan_out, ReLU) as theirs.
/// </summary>
public sealed class ResNetSe : AudioClassifier
{
    private readonly List<Sequential> stages = [];

    public ResNetSe(ResNetSeOptions options, Generator generator)
    {
        Options = options;
        if (options.Classes <= 0 || options.InputChannels <= 0 || options.InputCount <= 0 || options.Width <= 0 || options.Stages <= 0
            || options.BlocksPerStage <= 0 || options.EmbeddingSize <= 0)
            throw new ArgumentException($"ResNetSe: classes ({options.Classes}), input channels ({options.InputChannels}), input count ({options.InputCount}), width ({options.Width}), stages ({options.Stages}), blocks per stage ({options.BlocksPerStage}) and embedding size ({options.EmbeddingSize}) must be positive");
        Conv1 = RegisterModule("conv1", new Conv2d(options.InputChannels * options.InputCount, options.Width, 3, generator, stride: 2, padding: 1, bias: false));
        Bn1 = RegisterModule("bn1", new BatchNorm2d(options.Width));
        int channels = options.Width;
        for (int stage = 0; stage < options.Stages; stage++)
        {
            int width = options.Width << stage;
            var layer = new Sequential();
            for (int block = 0; block < options.BlocksPerStage; block++)
            {
                int stride = block == 0 && stage > 0 ? 2 : 1;
                layer.Append(new SeBasicBlock(block == 0 ? channels : width, width, stride, options.SeReduction, generator));
            }
            stages.Add(RegisterModule($"layer{stage + 1}", layer));
            channels = width;
        }
        Embedding = RegisterModule("embedding", new Linear(channels, options.EmbeddingSize, generator));
        HeadDropout = RegisterModule("head_dropout", new Dropout(generator.Fork(), options.HeadDropout));
        Fc = RegisterModule("fc", new Linear(options.EmbeddingSize, options.Classes, generator));
        foreach (var (_, module) in NamedModules())
            if (module is Conv2d conv)
                Initializers.KaimingNormal(conv.Weight, generator, mode: FanMode.FanOut, nonlinearity: Nonlinearity.Relu);
    }

    public ResNetSeOptions Options { get; }
    public Conv2d Conv1 { get; }
    public BatchNorm2d Bn1 { get; }
    public IReadOnlyList<Sequential> Layers => stages;
    public Linear Embedding { get; }
    public Dropout HeadDropout { get; }
    public Linear Fc { get; }

    public override int ClassCount => Options.Classes;
    public override int EmbeddingSize => Options.EmbeddingSize;
    public override int InputCount => Options.InputCount;
    public override bool IsHeadParameter(string name) => name.StartsWith("fc.", StringComparison.Ordinal);

    // inputs [batch, channels, mels, frames] -> [batch, embedding]
    public override Tensor Embed(IReadOnlyList<Tensor> inputs)
    {
        var x = ConvBatchNormRelu.Forward(FuseInputs(inputs), Conv1, Bn1);
        foreach (var stage in stages)
        {
            var y = stage.Forward(x);
            x = y;
        }
        var pooled = Ops.Mean(x, [2, 3]);
        return Ops.Relu(Embedding.Forward(pooled));
    }

    // inputs [batch, channels, mels, frames] -> logits [batch, classes]
    public override Tensor Forward(IReadOnlyList<Tensor> inputs) => Fc.Forward(HeadDropout.Forward(Embed(inputs)));
}
