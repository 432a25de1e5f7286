using Hark.Nn;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Models;

/// <summary>
/// Pipeline D's Keras CNN: blocks of two 3x3 'same' convolutions with batch norm and ReLU, 2x2 max-pool and dropout
/// (<see cref="KerasCnnBlock"/>), global average pooling, Dense(embedding) + ReLU, dropout, and a linear classifier
/// giving logits (Keras' final softmax belongs to the loss or the predictor). Kernels start Glorot-uniform and
/// biases zero, as Keras initialises them, unless <see cref="KerasCnnOptions.Init"/> asks for PyTorch's layer defaults.
/// Keras' L2 kernel regularisers are not part of the model: give the optimiser weight decay instead (for plain SGD,
/// weight decay w equals an L2 penalty of w / 2 per weight).
/// Keys: <c>blocks.{i}.conv1.weight</c> ... <c>embedding.weight</c>, <c>classifier.weight</c>.
/// </summary>
public sealed class KerasCnn : AudioClassifier
{
    public KerasCnn(KerasCnnOptions options, Generator generator)
    {
        Options = options;
        if (options.Classes <= 0 || options.InputChannels <= 0 || options.InputCount <= 0 || options.Width <= 0 || options.EmbeddingSize <= 0)
            throw new ArgumentException($"KerasCnn: classes ({options.Classes}), input channels ({options.InputChannels}), input count ({options.InputCount}), width ({options.Width}) and embedding size ({options.EmbeddingSize}) must be positive");
        if (options.BlockDropout.Count == 0)
            throw new ArgumentException("KerasCnn: at least one block is needed (BlockDropout gives one probability per block)");
        Blocks = RegisterModule("blocks", new ModuleList<KerasCnnBlock>());
        int channels = options.InputChannels * options.InputCount;
        for (int i = 0; i < options.BlockDropout.Count; i++)
        {
            int width = options.Width << i;
            Blocks.Append(new KerasCnnBlock(channels, width, options.BlockDropout[i], options, generator));
            channels = width;
        }
        Embedding = RegisterModule("embedding", new Linear(channels, options.EmbeddingSize, generator));
        HeadDropout = RegisterModule("head_dropout", new Dropout(generator.Fork(), options.HeadDropout));
        Classifier = RegisterModule("classifier", new Linear(options.EmbeddingSize, options.Classes, generator));
        if (options.Init == KerasCnnInit.Keras) KerasInit(generator);
    }

    public KerasCnnOptions Options { get; }
    public ModuleList<KerasCnnBlock> Blocks { get; }
    public Linear Embedding { get; }
    public Dropout HeadDropout { get; }
    public Linear Classifier { get; }

    public override int ClassCount => Options.Classes;
    public override int EmbeddingSize => Options.EmbeddingSize;
    public override int InputCount => Options.InputCount;
    public override bool IsHeadParameter(string name) => name.StartsWith("classifier.", StringComparison.Ordinal);

    // inputs [batch, channels, mels, frames] -> [batch, embedding]
    public override Tensor Embed(IReadOnlyList<Tensor> inputs)
    {
        var fused = FuseInputs(inputs);
        var x = fused;
        foreach (var block in Blocks)
        {
            var y = block.Forward(x);
            x = y;
        }
        var pooled = Ops.Mean(x, [2, 3]);
        return Ops.Relu(Embedding.Forward(pooled));
    }

    // inputs [batch, channels, mels, frames] -> logits [batch, classes]
    public override Tensor Forward(IReadOnlyList<Tensor> inputs) => Classifier.Forward(HeadDropout.Forward(Embed(inputs)));

    private void KerasInit(Generator generator)
    {
        foreach (var (_, module) in NamedModules())
        {
            var (weight, bias) = module switch
            {
                Conv2d conv => (conv.Weight, conv.Bias),
                Linear linear => (linear.Weight, linear.Bias),
                _ => (null, null),
            };
            if (weight is not null) Initializers.XavierUniform(weight, generator);
            if (bias is not null) Initializers.Zeros(bias);
        }
    }
}
