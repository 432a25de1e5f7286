using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// What the ImageNet backbones (torchvision's ResNet-50 and EfficientNetV2) share: the input stage
/// (<see cref="SpectrogramImage"/>, no keys), the body a subclass registers under its source's names, global average
/// pooling (the embedding) and the classifier named as in the source (<see cref="HeadPrefix"/>), so a torchvision
/// state dict loads by name and fine-tuning replaces only the classifier.
/// </summary>
public abstract class ImageNetClassifier(ImageInputOptions input, int classes) : AudioClassifier
{
    public SpectrogramImage Input { get; } = new(input);

    public override int ClassCount => classes;

    /// <summary>The classifier's key prefix: <c>fc.</c> (ResNet) or <c>classifier.</c> (EfficientNet).</summary>
    protected abstract string HeadPrefix { get; }

    public override bool IsHeadParameter(string name) => name.StartsWith(HeadPrefix, StringComparison.Ordinal);

    /// <summary>The stem's key prefixes: <c>conv1.</c>, <c>bn1.</c> (ResNet) or <c>features.0.</c> (EfficientNet).</summary>
    protected abstract IReadOnlyList<string> StemPrefixes { get; }

    /// <summary>Each block's key prefix, input side first (<c>layer1.0.</c>, <c>features.1.0.</c>).</summary>
    protected abstract IReadOnlyList<string> BlockPrefixes { get; }

    /// <summary>
    /// As timm groups an EfficientNet or ResNet for layer decay (one group per block): the stem 0, block i i + 1,
    /// everything after the blocks (EfficientNet's last 1x1 conv, the classifier) the deepest, blocks + 1.
    /// </summary>
    public override int? LayerDepth(string parameterName)
    {
        if (StemPrefixes.Any(p => parameterName.StartsWith(p, StringComparison.Ordinal))) return 0;
        for (int block = 0; block < BlockPrefixes.Count; block++)
            if (parameterName.StartsWith(BlockPrefixes[block], StringComparison.Ordinal)) return block + 1;
        return BlockPrefixes.Count + 1;
    }

    /// <summary>image [batch, 3, height, width] -> body features [batch, channels, height', width'].</summary>
    protected abstract Tensor Body(Tensor image);

    /// <summary>pooled features [batch, channels] -> logits [batch, classes] (dropout included).</summary>
    protected abstract Tensor Head(Tensor pooled);

    // inputs [batch, 1 or 3, height, width] -> [batch, channels]: the body's features averaged over space
    public override Tensor Embed(IReadOnlyList<Tensor> inputs)
    {
        CheckInputs(inputs);
        var features = Body(Input.Forward(inputs[0]));
        return Ops.Mean(features, [2, 3]);
    }

    // inputs [batch, 1 or 3, height, width] -> logits [batch, classes]
    public override Tensor Forward(IReadOnlyList<Tensor> inputs) => Head(Embed(inputs));

    /// <summary>torchvision's initialisation: convolutions kaiming-normal (fan_out, ReLU gain), batch norms 1 and 0.</summary>
    protected void TorchvisionConvInit(Generator generator)
    {
        foreach (var (_, module) in NamedModules())
            if (module is Conv2d conv)
            {
                Initializers.KaimingNormal(conv.Weight, generator, mode: FanMode.FanOut, nonlinearity: Nonlinearity.Relu);
                if (conv.Bias is not null) Initializers.Zeros(conv.Bias);
            }
    }
}
