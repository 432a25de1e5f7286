namespace Hark.Training.Configuration;

/// <summary>Which model of the zoo to build, with its hyper-parameters.</summary>
public sealed class ModelConfig
{
    /// <summary>seed-cnn, keras-cnn, resnet-se or cnn14.</summary>
    public string Name { get; set; } = "keras-cnn";

    /// <summary>Base channel width (resnet-se, keras-cnn).</summary>
    public int Width { get; set; } = 32;

    /// <summary>Residual stages (resnet-se).</summary>
    public int Depth { get; set; } = 3;
    public int EmbeddingSize { get; set; } = 128;
    public float Dropout { get; set; } = 0.3f;

    /// <summary>mean_max or attention (cnn14's head).</summary>
    public string Pooling { get; set; } = "mean_max";

    /// <summary>Refuse to train a model with more parameters than this; 0 means no limit.</summary>
    public long MaxParameters { get; set; }
}
