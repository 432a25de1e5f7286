namespace Hark.Models;

/// <summary>
/// What <see cref="ModelZoo.Create"/> needs to build any model by name. Unset (null) values take the model's own
/// default; each model documents what <see cref="Width"/> and <see cref="Depth"/> mean for it.
/// </summary>
public sealed record ModelOptions
{
    public int Classes { get; init; }

    /// <summary>Inputs per sample (three for the seed-000 triple-image data).</summary>
    public int InputCount { get; init; } = 1;

    /// <summary>Channels of each input (1 for a log-mel, 3 for an RGB image).</summary>
    public int InputChannels { get; init; } = 1;

    /// <summary>The first block's width (seed-cnn 16, the others scaled alike; keras-cnn 32, resnet-se 32, the PANNs models 64).</summary>
    public int? Width { get; init; }

    /// <summary>keras-cnn: conv blocks (3); resnet-se: stages (4); seed-cnn (5), cnn14 (6), cnn10 (4) and resnet38 (4 residual layers): their fixed depths only.</summary>
    public int? Depth { get; init; }

    /// <summary>The embedding's size (keras-cnn 128, resnet-se 256, cnn14 and resnet38 32 x width, cnn10 8 x width); seed-cnn's follows from its width.</summary>
    public int? EmbeddingSize { get; init; }

    /// <summary>The head's dropout probability (seed-cnn 0.3, keras-cnn 0.5, resnet-se 0.3, the PANNs models 0.5).</summary>
    public double? Dropout { get; init; }

    /// <summary>Dropout after every conv block (keras-cnn: pipeline D's 0.25, 0.25, 0.3 by default; the PANNs models: 0.2); the others refuse it.</summary>
    public double? BlockDropout { get; init; }

    /// <summary>keras-cnn's weight initialisation (Keras' Glorot by default, or PyTorch's layer defaults); the others keep their own and refuse it.</summary>
    public KerasCnnInit? Init { get; init; }

    /// <summary>The PANNs models' clip pooling (mean_max by default, or attention; cnn14-decision-level-att: attention only); the others pool by global average and refuse it.</summary>
    public ClipPooling? Pooling { get; init; }

    /// <summary>Mel bins of the input (the PANNs models' bn0 has one pair of statistics per bin).</summary>
    public int MelBins { get; init; } = 64;

    /// <summary>BatchNorm momentum in torch's convention (weight of the new batch); null keeps the model's default (keras-cnn: Keras' 0.01).</summary>
    public double? BatchNormMomentum { get; init; }

    /// <summary>BatchNorm epsilon; null keeps the model's default.</summary>
    public double? BatchNormEps { get; init; }

    /// <summary>Creation fails when the model has more parameters than this (seed-cnn: 500,000 unless set).</summary>
    public long? MaxParameters { get; init; }

    /// <summary>Reads a pooling name as configs spell it: <c>mean_max</c> or <c>attention</c>.</summary>
    public static ClipPooling ParsePooling(string name) => name switch
    {
        "mean_max" => ClipPooling.MeanMax,
        "attention" => ClipPooling.Attention,
        _ => throw new ArgumentException($"ModelOptions: unknown pooling '{name}'; expected mean_max or attention", nameof(name)),
    };
}
