using Hark.Tensors;

namespace Hark.Models;

/// <summary>The models Hark trains, by the names recipes and the command line use.</summary>
public static class ModelZoo
{
    public static IReadOnlyList<string> Names { get; } = ["seed-cnn", "keras-cnn", "resnet-se", "cnn14", "cnn14-16k", "cnn10", "resnet38", "cnn14-decision-level-att", "resnet50", "efficientnet-v2-s", "efficientnet-v2-m"];

    /// <summary>
    /// The front-end preset a PANNs model's released weights were trained with (PANNs' extractor: <c>panns32k</c>, or
    /// <c>panns16k</c> for Cnn14_16k); null for the models Hark trains from scratch.
    /// </summary>
    public static string? FrontEndPreset(string name) => name switch
    {
        "cnn14-16k" => "panns16k",
        "cnn14" or "cnn10" or "resnet38" or "cnn14-decision-level-att" => "panns32k",
        _ => null,
    };

    /// <summary>
    /// Which PANNs model a checkpoint's keys say it holds (cnn14-16k told from cnn14 by its 512-point STFT weights), so a
    /// checkpoint refused by the chosen model can name the one it fits; null when it looks like none of them.
    /// </summary>
    public static string? RecognisePanns(IEnumerable<KeyValuePair<string, Tensor>> checkpoint)
    {
        var shapes = new Dictionary<string, int[]>();
        foreach (var (key, value) in checkpoint) shapes[key] = value.Shape.ToArray();
        if (shapes.ContainsKey("resnet.layer1.0.conv1.weight")) return "resnet38";
        if (shapes.ContainsKey("conv_block6.conv1.weight"))
        {
            if (shapes.ContainsKey("att_block.att.weight")) return "cnn14-decision-level-att";
            return shapes.TryGetValue("spectrogram_extractor.stft.conv_real.weight", out var stft) && stft[^1] == 512 ? "cnn14-16k" : "cnn14";
        }
        return shapes.ContainsKey("conv_block4.conv1.weight") && !shapes.ContainsKey("conv_block5.conv1.weight") ? "cnn10" : null;
    }

    /// <summary>
    /// Builds the model <paramref name="config"/> names for <paramref name="inputs"/>, initialised from <paramref name="generator"/>
    /// (which also seeds its dropout). Throws <see cref="ParameterLimitException"/> when it exceeds config.MaxParameters,
    /// and <see cref="ArgumentException"/> naming the setting when a hyper-parameter does not apply to the model.
    /// </summary>
    public static AudioClassifier Create(ModelConfig config, ModelInputs inputs, Generator generator)
    {
        string name = config.Name;
        if (inputs.Classes <= 0)
            throw new ArgumentException($"ModelZoo: model '{name}' needs a positive number of classes; got {inputs.Classes}", nameof(inputs));
        AudioClassifier model = name switch
        {
            "seed-cnn" => CreateSeedCnn(config, inputs, generator),
            "keras-cnn" => CreateKerasCnn(config, inputs, generator),
            "resnet-se" => CreateResNetSe(config, inputs, generator),
            "cnn14" or "cnn14-16k" => CreatePanns(name, config, inputs, generator, PannsCnn.Cnn14Blocks, attention: false),
            "cnn10" => CreatePanns(name, config, inputs, generator, PannsCnn.Cnn10Blocks, attention: false),
            "resnet38" => CreatePanns(name, config, inputs, generator, ResNet38.BlocksPerLayer.Count, attention: false),
            "cnn14-decision-level-att" => CreatePanns(name, config, inputs, generator, PannsCnn.Cnn14Blocks, attention: true),
            "resnet50" => CreateResNet50(config, inputs, generator),
            "efficientnet-v2-s" => CreateEfficientNetV2(name, EfficientNetV2Options.Small, config, inputs, generator),
            "efficientnet-v2-m" => CreateEfficientNetV2(name, EfficientNetV2Options.Medium, config, inputs, generator),
            _ => throw new ArgumentException($"ModelZoo: unknown model '{name}'; known models: {string.Join(", ", Names)}", nameof(name)),
        };
        long count = model.ParameterCount();
        long? limit = config.MaxParameters ?? (name == "seed-cnn" ? SeedCnnLimit : null);
        if (count > limit) throw new ParameterLimitException(name, count, limit.Value);
        return model;
    }

    /// <summary>Pipeline A's hard limit, which seed-cnn keeps unless the config sets another.</summary>
    public const long SeedCnnLimit = 500_000;

    private static SeedCnnClassifier CreateSeedCnn(ModelConfig config, ModelInputs inputs, Generator generator)
    {
        RefusePooling("seed-cnn", config);
        RefuseKerasOptions("seed-cnn", config, blockDropout: true);
        var defaults = new SeedCnnOptions();
        if (config.Depth is int depth && depth != defaults.Widths.Count)
            throw new ArgumentException($"ModelZoo: seed-cnn has pipeline A's {defaults.Widths.Count} conv blocks per branch; depth {depth} is not supported (change width instead)", nameof(config));
        if (config.EmbeddingSize is not null)
            throw new ArgumentException("ModelZoo: seed-cnn's embedding is its fused branch features (inputs x last width); set width instead of embedding size", nameof(config));
        int width = config.Width ?? defaults.Widths[0];
        if (width <= 0) throw new ArgumentException($"ModelZoo: seed-cnn needs a positive width; got {width}", nameof(config));
        return new SeedCnnClassifier(defaults with
        {
            Branches = inputs.InputCount,
            Classes = inputs.Classes,
            InputChannels = inputs.InputChannels,
            // pipeline A's 16, 32, 48, 64, 64 scaled so the first block has the requested width
            Widths = defaults.Widths.Select(w => w * width / defaults.Widths[0]).ToArray(),
            HeadDropout = config.Dropout ?? defaults.HeadDropout,
        }, generator);
    }

    private static KerasCnn CreateKerasCnn(ModelConfig config, ModelInputs inputs, Generator generator)
    {
        RefusePooling("keras-cnn", config);
        var defaults = new KerasCnnOptions();
        int blocks = config.Depth ?? defaults.BlockDropout.Count;
        if (blocks <= 0) throw new ArgumentException($"ModelZoo: keras-cnn needs depth (conv blocks) >= 1; got {blocks}", nameof(config));
        return new KerasCnn(defaults with
        {
            Classes = inputs.Classes,
            InputChannels = inputs.InputChannels,
            InputCount = inputs.InputCount,
            Width = config.Width ?? defaults.Width,
            // pipeline D's 0.25, 0.25, 0.3 unless one value is given; deeper networks keep 0.3 for the extra blocks
            BlockDropout = Enumerable.Range(0, blocks)
                .Select(i => config.BlockDropout ?? (i < defaults.BlockDropout.Count ? defaults.BlockDropout[i] : defaults.BlockDropout[^1])).ToArray(),
            EmbeddingSize = config.EmbeddingSize ?? defaults.EmbeddingSize,
            HeadDropout = config.Dropout ?? defaults.HeadDropout,
            BatchNormMomentum = config.BatchNormMomentum ?? defaults.BatchNormMomentum,
            BatchNormEps = config.BatchNormEps ?? defaults.BatchNormEps,
            Init = config.Init ?? defaults.Init,
        }, generator);
    }

    private static ResNetSe CreateResNetSe(ModelConfig config, ModelInputs inputs, Generator generator)
    {
        RefusePooling("resnet-se", config);
        RefuseKerasOptions("resnet-se", config, blockDropout: true);
        var defaults = new ResNetSeOptions();
        return new ResNetSe(defaults with
        {
            Classes = inputs.Classes,
            InputChannels = inputs.InputChannels,
            InputCount = inputs.InputCount,
            Width = config.Width ?? defaults.Width,
            Stages = config.Depth ?? defaults.Stages,
            EmbeddingSize = config.EmbeddingSize ?? defaults.EmbeddingSize,
            HeadDropout = config.Dropout ?? defaults.HeadDropout,
        }, generator);
    }

    // PANNs' networks: cnn14 and cnn14-16k (the same network), cnn10, resnet38 (depth counts its residual layers), and
    // cnn14-decision-level-att (Cnn14 with the attention head; plain cnn14 takes pooling=attention too)
    private static PannsClassifier CreatePanns(string name, ModelConfig config, ModelInputs inputs, Generator generator, int depth, bool attention)
    {
        if (config.Depth is int requested && requested != depth)
            throw new ArgumentException($"ModelZoo: {name} has PANNs' depth {depth}; depth {requested} is not supported (change width instead)", nameof(config));
        if (attention && config.Pooling is ClipPooling.MeanMax)
            throw new ArgumentException($"ModelZoo: {name} is PANNs' decision-level attention network; pooling mean_max applies to cnn14, cnn10 and resnet38", nameof(config));
        RefuseKerasOptions(name, config, blockDropout: false);
        var defaults = new PannsOptions();
        var pannsOptions = defaults with
        {
            Classes = inputs.Classes,
            InputChannels = inputs.InputChannels,
            InputCount = inputs.InputCount,
            MelBins = inputs.MelBins,
            Width = config.Width ?? defaults.Width,
            EmbeddingSize = config.EmbeddingSize,
            Pooling = attention ? ClipPooling.Attention : config.Pooling ?? defaults.Pooling,
            HeadDropout = config.Dropout ?? defaults.HeadDropout,
            BlockDropout = config.BlockDropout ?? defaults.BlockDropout,
        };
        return name == "resnet38" ? new ResNet38(pannsOptions, generator) : new PannsCnn(pannsOptions, generator, depth);
    }

    /// <summary>Whether <paramref name="name"/> is one of torchvision's ImageNet backbones, which load torchvision state dicts.</summary>
    public static bool IsImageNetBackbone(string name) => name is "resnet50" or "efficientnet-v2-s" or "efficientnet-v2-m";

    private static ResNet CreateResNet50(ModelConfig config, ModelInputs inputs, Generator generator)
    {
        RefuseBackboneOptions("resnet50", config);
        CheckBackboneInputs("resnet50", inputs);
        if (config.Depth is int depth && depth != 50)
            throw new ArgumentException($"ModelZoo: resnet50 has torchvision's blocks 3, 4, 6, 3; depth {depth} is not supported (change width instead)", nameof(config));
        if (config.WidthMultiplier is not null || config.DepthMultiplier is not null || config.DropPath is not null || config.TfSamePadding is not null)
            throw new ArgumentException("ModelZoo: width_multiplier, depth_multiplier, drop_path and tf_same_padding apply to efficientnet-v2-s and -m; resnet50 takes width (its first stage's, 64)", nameof(config));
        var defaults = new ResNetOptions();
        return new ResNet(defaults with
        {
            Classes = inputs.Classes,
            Width = config.Width ?? defaults.Width,
            HeadDropout = config.Dropout ?? defaults.HeadDropout,
            Input = ImageInput(config),
        }, generator);
    }

    private static EfficientNetV2 CreateEfficientNetV2(string name, EfficientNetV2Options preset, ModelConfig config, ModelInputs inputs, Generator generator)
    {
        RefuseBackboneOptions(name, config);
        CheckBackboneInputs(name, inputs);
        if (config.Width is not null || config.Depth is not null)
            throw new ArgumentException($"ModelZoo: {name} is scaled by width_multiplier and depth_multiplier (torchvision's width_mult, depth_mult), not width or depth", nameof(config));
        var options = preset.Scaled(config.WidthMultiplier ?? 1, config.DepthMultiplier ?? 1);
        return new EfficientNetV2(options with
        {
            Classes = inputs.Classes,
            Dropout = config.Dropout ?? preset.Dropout,
            StochasticDepth = config.DropPath ?? preset.StochasticDepth,
            BatchNormEps = config.BatchNormEps ?? preset.BatchNormEps,
            TfSamePadding = config.TfSamePadding ?? preset.TfSamePadding,
            Input = ImageInput(config),
        }, generator);
    }

    private static ImageInputOptions ImageInput(ModelConfig config)
    {
        var defaults = new ImageInputOptions();
        return new ImageInputOptions
        {
            Channels = config.ImageChannels ?? defaults.Channels,
            Size = config.ImageSize,
            Normalization = config.ImageNormalization ?? defaults.Normalization,
        };
    }

    // the backbones take one input of 1 (log-mel) or 3 (image) channels; the others' options do not apply to them
    private static void RefuseBackboneOptions(string name, ModelConfig config)
    {
        RefusePooling(name, config);
        RefuseKerasOptions(name, config, blockDropout: true);
        if (config.EmbeddingSize is not null)
            throw new ArgumentException($"ModelZoo: {name}'s embedding is its pooled features; embedding size does not apply", nameof(config));
    }

    private static void CheckBackboneInputs(string name, ModelInputs inputs)
    {
        if (inputs.InputCount != 1 || inputs.InputChannels is not (1 or 3))
            throw new ArgumentException($"ModelZoo: {name} takes one input of 1 (log-mel) or 3 (image) channels; the data has {inputs.InputCount} input(s) of {inputs.InputChannels} channel(s)", nameof(inputs));
    }

    private static void RefuseKerasOptions(string name, ModelConfig config, bool blockDropout)
    {
        if (config.Init is KerasCnnInit init)
            throw new ArgumentException($"ModelZoo: {name} keeps its own weight initialisation; init '{init}' applies to keras-cnn only", nameof(config));
        if (blockDropout && config.BlockDropout is double p)
            throw new ArgumentException($"ModelZoo: {name} has no single block dropout; block dropout {p} applies to keras-cnn and the PANNs models only", nameof(config));
    }

    private static void RefusePooling(string name, ModelConfig config)
    {
        if (config.Pooling is ClipPooling pooling)
            throw new ArgumentException($"ModelZoo: {name} pools by global average; pooling '{pooling}' applies to the PANNs models only", nameof(config));
    }
}
