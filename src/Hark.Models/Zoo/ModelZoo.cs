using Hark.Tensors;

namespace Hark.Models;

/// <summary>The models Hark trains, by the names recipes and the command line use.</summary>
public static class ModelZoo
{
    public static IReadOnlyList<string> Names { get; } = ["keras-cnn", "resnet-se", "cnn14"];

    /// <summary>
    /// Builds model <paramref name="name"/> for <paramref name="options"/>, initialised from <paramref name="generator"/>
    /// (which also seeds its dropout). Throws <see cref="ParameterLimitException"/> when it exceeds options.MaxParameters.
    /// </summary>
    public static AudioClassifier Create(string name, ModelOptions options, Generator generator)
    {
        if (options.Classes <= 0)
            throw new ArgumentException($"ModelZoo: model '{name}' needs a positive number of classes; got {options.Classes}", nameof(options));
        AudioClassifier model = name switch
        {
            "keras-cnn" => CreateKerasCnn(options, generator),
            "resnet-se" => CreateResNetSe(options, generator),
            "cnn14" => CreateCnn14(options, generator),
            _ => throw new ArgumentException($"ModelZoo: unknown model '{name}'; known models: {string.Join(", ", Names)}", nameof(name)),
        };
        long count = model.ParameterCount();
        if (options.MaxParameters is long limit && count > limit) throw new ParameterLimitException(name, count, limit);
        return model;
    }

    private static KerasCnn CreateKerasCnn(ModelOptions options, Generator generator)
    {
        RefusePooling("keras-cnn", options);
        var defaults = new KerasCnnOptions();
        int blocks = options.Depth ?? defaults.BlockDropout.Count;
        if (blocks <= 0) throw new ArgumentException($"ModelZoo: keras-cnn needs depth (conv blocks) >= 1; got {blocks}", nameof(options));
        return new KerasCnn(defaults with
        {
            Classes = options.Classes,
            InputChannels = options.InputChannels,
            InputCount = options.InputCount,
            Width = options.Width ?? defaults.Width,
            // pipeline D's 0.25, 0.25, 0.3; deeper networks keep 0.3 for the extra blocks
            BlockDropout = Enumerable.Range(0, blocks).Select(i => i < defaults.BlockDropout.Count ? defaults.BlockDropout[i] : defaults.BlockDropout[^1]).ToArray(),
            EmbeddingSize = options.EmbeddingSize ?? defaults.EmbeddingSize,
            HeadDropout = options.Dropout ?? defaults.HeadDropout,
        }, generator);
    }

    private static ResNetSe CreateResNetSe(ModelOptions options, Generator generator)
    {
        RefusePooling("resnet-se", options);
        var defaults = new ResNetSeOptions();
        return new ResNetSe(defaults with
        {
            Classes = options.Classes,
            InputChannels = options.InputChannels,
            InputCount = options.InputCount,
            Width = options.Width ?? defaults.Width,
            Stages = options.Depth ?? defaults.Stages,
            EmbeddingSize = options.EmbeddingSize ?? defaults.EmbeddingSize,
            HeadDropout = options.Dropout ?? defaults.HeadDropout,
        }, generator);
    }

    private static Cnn14 CreateCnn14(ModelOptions options, Generator generator)
    {
        if (options.Depth is int depth && depth != 6)
            throw new ArgumentException($"ModelZoo: cnn14 has PANNs' 6 conv blocks; depth {depth} is not supported (change width instead)", nameof(options));
        var defaults = new Cnn14Options();
        return new Cnn14(defaults with
        {
            Classes = options.Classes,
            InputChannels = options.InputChannels,
            InputCount = options.InputCount,
            MelBins = options.MelBins,
            Width = options.Width ?? defaults.Width,
            EmbeddingSize = options.EmbeddingSize,
            Pooling = options.Pooling ?? defaults.Pooling,
            HeadDropout = options.Dropout ?? defaults.HeadDropout,
        }, generator);
    }

    private static void RefusePooling(string name, ModelOptions options)
    {
        if (options.Pooling is ClipPooling pooling)
            throw new ArgumentException($"ModelZoo: {name} pools by global average; pooling '{pooling}' applies to cnn14 only", nameof(options));
    }
}
