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
