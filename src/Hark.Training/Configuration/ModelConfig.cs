namespace Hark.Training.Configuration;

/// <summary>Which model of the zoo to build, with its hyper-parameters; a null value keeps the model's own default.</summary>
public sealed class ModelConfig
{
    /// <summary>A <see cref="Hark.Models.ModelZoo"/> name: seed-cnn, keras-cnn, resnet-se, or PANNs' cnn14, cnn14-16k, cnn10, resnet38, cnn14-decision-level-att.</summary>
    public string Name { get; set; } = "keras-cnn";

    /// <summary>Base channel width (keras-cnn, resnet-se, cnn14).</summary>
    public int? Width { get; set; }

    /// <summary>Residual stages (resnet-se).</summary>
    public int? Depth { get; set; }
    public int? EmbeddingSize { get; set; }
    public float? Dropout { get; set; }

    /// <summary>Dropout after every conv block (keras-cnn, cnn14); null keeps the model's own.</summary>
    public float? BlockDropout { get; set; }

    /// <summary>keras-cnn's weight initialisation: keras (Glorot-uniform, zero biases; its default) or torch (PyTorch's layer defaults).</summary>
    public string? Init { get; set; }

    /// <summary>mean_max or attention (cnn14's head).</summary>
    public string? Pooling { get; set; }

    /// <summary>BatchNorm momentum in torch's convention (0.1 is torch's default; keras-cnn defaults to Keras' 0.99, i.e. 0.01).</summary>
    public float? BatchNormMomentum { get; set; }
    public float? BatchNormEps { get; set; }

    /// <summary>
    /// A PANNs checkpoint (PANNs' released .pth, or safetensors with PANNs' keys) the network starts from: its body is
    /// loaded and its head replaced for the data's classes; width and embedding size follow the checkpoint unless set.
    /// </summary>
    public string? Pretrained { get; set; }

    /// <summary>Refuse to train a model with more parameters than this.</summary>
    public long? MaxParameters { get; set; }
}
