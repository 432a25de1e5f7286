namespace Hark.Models;

/// <summary>
/// Which model of the zoo to build and its hyper-parameters: a recipe's <c>model:</c> section, bound from YAML once
/// (snake_case keys, enums by their snake_case names) and handed to <see cref="ModelZoo.Create"/> as it is. A null
/// value keeps the model's own default; each model documents what <see cref="Width"/> and <see cref="Depth"/> mean for
/// it. What the data decides (classes, inputs, channels, mel bins) is not configuration: see <see cref="ModelInputs"/>.
/// </summary>
public sealed record ModelConfig
{
    /// <summary>A <see cref="ModelZoo.Names"/> entry: seed-cnn, keras-cnn, resnet-se, PANNs' cnn14, cnn14-16k, cnn10, resnet38, cnn14-decision-level-att, or torchvision's resnet50, efficientnet-v2-s, efficientnet-v2-m.</summary>
    public string Name { get; set; } = "keras-cnn";

    /// <summary>The first block's width (seed-cnn 16, the others scaled alike; keras-cnn 32, resnet-se 32, the PANNs models 64).</summary>
    public int? Width { get; set; }

    /// <summary>keras-cnn: conv blocks (3); resnet-se: stages (4); seed-cnn (5), cnn14 (6), cnn10 (4) and resnet38 (4 residual layers): their fixed depths only.</summary>
    public int? Depth { get; set; }

    /// <summary>The embedding's size (keras-cnn 128, resnet-se 256, cnn14 and resnet38 32 x width, cnn10 8 x width); seed-cnn's follows from its width.</summary>
    public int? EmbeddingSize { get; set; }

    /// <summary>The head's dropout probability (seed-cnn 0.3, keras-cnn 0.5, resnet-se 0.3, the PANNs models 0.5).</summary>
    public double? Dropout { get; set; }

    /// <summary>Dropout after every conv block (keras-cnn: pipeline D's 0.25, 0.25, 0.3 by default; the PANNs models: 0.2); the others refuse it.</summary>
    public double? BlockDropout { get; set; }

    /// <summary>keras-cnn's weight initialisation: keras (Glorot-uniform, zero biases; its default) or torch (PyTorch's layer defaults); the others refuse it.</summary>
    public KerasCnnInit? Init { get; set; }

    /// <summary>The PANNs models' clip pooling: mean_max (default) or attention (cnn14-decision-level-att: attention only); the others pool by global average and refuse it.</summary>
    public ClipPooling? Pooling { get; set; }

    /// <summary>BatchNorm momentum in torch's convention (weight of the new batch, 0.1 by default); keras-cnn defaults to Keras' 0.99, i.e. 0.01.</summary>
    public double? BatchNormMomentum { get; set; }

    /// <summary>BatchNorm epsilon; null keeps the model's default.</summary>
    public double? BatchNormEps { get; set; }

    /// <summary>
    /// A checkpoint the network starts from: PANNs' released .pth (or safetensors with PANNs' keys) for the PANNs models,
    /// a torchvision state dict (.pth or .safetensors) for resnet50 and efficientnet-v2-*. Its body is loaded and its
    /// head replaced for the data's classes; sizes (width, embedding, multipliers) follow the checkpoint unless set.
    /// Training loads it; <see cref="ModelZoo.Create"/> builds the network only.
    /// </summary>
    public string? Pretrained { get; set; }

    /// <summary>The ImageNet backbones (resnet50, efficientnet-v2-*): side of the square image a log-mel is resized to (null: its own size).</summary>
    public int? ImageSize { get; set; }

    /// <summary>The ImageNet backbones: how a log-mel becomes three channels, repeat (default) or deltas (mel, delta, delta-delta).</summary>
    public ImageChannels? ImageChannels { get; set; }

    /// <summary>The ImageNet backbones: imagenet (default: ImageNet's mean and std, as the pretrained weights expect) or none.</summary>
    public InputNormalization? ImageNormalization { get; set; }

    /// <summary>efficientnet-v2-*: torchvision's width_mult (channels x it, rounded to multiples of 8); a pretrained checkpoint sets it.</summary>
    public double? WidthMultiplier { get; set; }

    /// <summary>efficientnet-v2-*: torchvision's depth_mult (blocks per stage x it, rounded up); a pretrained checkpoint sets it.</summary>
    public double? DepthMultiplier { get; set; }

    /// <summary>efficientnet-v2-*: strided convs pad as TensorFlow's "same", as timm's tf_efficientnetv2_s/m (default false: torchvision's padding); a timm checkpoint sets it.</summary>
    public bool? TfSamePadding { get; set; }

    /// <summary>efficientnet-v2-*: the largest stochastic-depth (drop-path) probability, reached by the last block (torchvision: 0.2).</summary>
    public double? DropPath { get; set; }

    /// <summary>Creation fails when the model has more parameters than this (seed-cnn: 500,000 unless set).</summary>
    public long? MaxParameters { get; set; }
}
