namespace Hark.Models;

/// <summary>
/// Which model of the zoo to build and its hyper-parameters: a recipe's <c>model:</c> section, bound from YAML once
/// (snake_case keys, enums by their snake_case names) and handed to <see cref="ModelZoo.Create"/> as it is. A null
/// value keeps the model's own default; each model documents what <see cref="Width"/> and <see cref="Depth"/> mean for
/// it. What the data decides (classes, inputs, channels, mel bins) is not configuration: see <see cref="ModelInputs"/>.
/// </summary>
public sealed record ModelConfig
{
    /// <summary>A <see cref="ModelZoo.Names"/> entry: seed-cnn, keras-cnn, resnet-se, or PANNs' cnn14, cnn14-16k, cnn10, resnet38, cnn14-decision-level-att.</summary>
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
    /// A PANNs checkpoint (PANNs' released .pth, or safetensors with PANNs' keys) the network starts from: its body is
    /// loaded and its head replaced for the data's classes; width and embedding size follow the checkpoint unless set.
    /// Training loads it; <see cref="ModelZoo.Create"/> builds the network only.
    /// </summary>
    public string? Pretrained { get; set; }

    /// <summary>Creation fails when the model has more parameters than this (seed-cnn: 500,000 unless set).</summary>
    public long? MaxParameters { get; set; }
}
