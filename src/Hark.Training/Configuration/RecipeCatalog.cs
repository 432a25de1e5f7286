using Hark.Models;
using Hark.Audio.Augmentation;
using Hark.Data;
using Hark.Features.Augmentation;

namespace Hark.Training.Configuration;

/// <summary>
/// Named starting points for a run: model, front end and recipe together, after the pipelines in MISSION.md.
/// A YAML file or `--set` overrides adjust any key afterwards.
/// </summary>
public static class RecipeCatalog
{
    /// <summary>The recipe of `hark train`, `cv` and `features` on audio when no --recipe is given.</summary>
    public const string DefaultAudio = "default-audio";

    public static IReadOnlyList<string> Names { get; } = [DefaultAudio, "seed-audio", "seed-a", "keras-d", "resnet-e", "panns-c", "mixup-b", "finetune-b", "panns-finetune", "probe", "demo"];

    public static string Describe(string name) => name switch
    {
        DefaultAudio => "seed-audio without SpecAugment, the recipe of train, cv and features on audio when no --recipe is given: on small sets "
            + "(a few hundred clips, 30 epochs) SpecAugment cost Hark more accuracy than it bought (EMO-DB speaker split, seeds 0-2, AMD EPYC: 0.720 without it, "
            + "0.676 with it; README, bench/defaults.sh); --recipe seed-audio keeps it",
        "seed-audio" => "log-mel CNN (3 double-conv blocks) with the seed recipe: AdamW, OneCycle, label smoothing, SpecAugment, MixUp, clipping, EMA",
        "seed-a" => "pipeline A: seed-cnn branch per spectrogram image, ImageNet-normalised 96x96 inputs, the seed recipe, best epoch by macro-F1",
        "keras-d" => "pipeline D: Keras-style CNN, Adam with L2 as weight decay, ReduceLROnPlateau, early stopping on accuracy",
        "resnet-e" => "pipeline E: residual CNN with squeeze-excitation, 256-d embeddings, SpecAugment 2+2 masks, MixUp",
        "panns-c" => "pipeline C: CNN14 body with attention pooling on PANNs 32 kHz log-mels, BCE, AdamW, cosine warm-up, balanced sampling",
        "mixup-b" => "pipeline B (without a pretrained backbone): resnet-se on 32 kHz log-mels, MixUp/CutMix, balanced sampling, best by accuracy",
        "finetune-b" => "pipeline B: fine-tunes a pretrained EfficientNetV2-M (--set model.pretrained=W.pth or .safetensors, torchvision's keys) on 3-channel log-mels resized to 384 with ImageNet normalisation: new head, AdamW body 1e-4 / head 1e-3 (or layer-wise decay: --set recipe.layer_decay=0.8), cosine with warm-up, MixUp/CutMix, EMA, label smoothing, 12-fold TTA; without model.pretrained it trains from scratch",
        "panns-finetune" => "fine-tunes a pretrained PANNs cnn14 (--set model.pretrained=W.pth): new head, body frozen for 2 epochs, body lr 1e-4, head 1e-3, PANNs' 32 kHz log-mels",
        "probe" => "logistic regression (L-BFGS) on the embeddings of a frozen pretrained PANNs cnn14 (--set model.pretrained=W.pth), PANNs' 32 kHz log-mels",
        "demo" => "what `hark demo` trains: seed-audio at half width (16 channels), 10 epochs, batch 16, 20% stratified validation",
        _ => throw UnknownRecipe(name),
    };

    /// <summary>The line a command prints when it falls back to <paramref name="name"/> because no --recipe was given.</summary>
    public static string DefaultNotice(string name) => $"recipe {name} (no --recipe given): {Describe(name)}";

    public static RunConfig Get(string name) => name switch
    {
        DefaultAudio => DefaultAudioRecipe(),
        "seed-audio" => SeedAudio(),
        "seed-a" => SeedA(),
        "keras-d" => KerasD(),
        "resnet-e" => ResNetE(),
        "panns-c" => PannsC(),
        "mixup-b" => MixupB(),
        "finetune-b" => FinetuneB(),
        "panns-finetune" => PannsFinetune(),
        "probe" => Probe(),
        "demo" => Demo(),
        _ => throw UnknownRecipe(name),
    };

    private static ConfigException UnknownRecipe(string name) =>
        new($"unknown recipe '{name}': expected a YAML file or one of {string.Join(", ", Names)}");

    /// <summary>
    /// The recipe of ../shared/bench/peer_torch_train.py: the seeds' recipe on its 3-block CNN as torch builds it
    /// (torch's BatchNorm defaults and layer initialisation, dropout 0.2 after each block and 0.5 in the head).
    /// </summary>
    private static RunConfig SeedAudio() => new()
    {
        FrontEnd = new() { ["preset"] = "seed-audio" },
        Model = new ModelConfig
        {
            Name = "keras-cnn", Width = 32, EmbeddingSize = 128, Dropout = 0.5, BlockDropout = 0.2, Init = KerasCnnInit.Torch,
            BatchNormMomentum = 0.1f, BatchNormEps = 1e-5f,
        },
        Recipe = new RecipeConfig { Name = "seed-audio", Epochs = 30 },
    };

    /// <summary>
    /// seed-audio with its augmentation off: MixUp stays; SpecAugment (p 0.7, one frequency and one time mask) is left out
    /// because on the datasets Hark measures its defaults on (a few hundred clips, 30 epochs) it left the network underfit.
    /// </summary>
    private static RunConfig DefaultAudioRecipe()
    {
        var config = SeedAudio();
        config.Recipe.Name = DefaultAudio;
        config.Recipe.Augment = new SpectrogramAugmentationOptions();
        return config;
    }

    /// <summary>seed-audio made small enough for `hark demo` to train in about a minute on two cores.</summary>
    private static RunConfig Demo()
    {
        var config = SeedAudio();
        config.Model.Width = 16;
        config.Recipe.Name = "demo";
        config.Recipe.Epochs = 10;
        config.Recipe.BatchSize = 16;
        config.Data.Validation = "stratified";
        config.Data.ValFraction = 0.2f;
        return config;
    }

    private static RunConfig SeedA() => new()
    {
        ImageSize = 96,
        Model = new ModelConfig { Name = "seed-cnn", MaxParameters = 500_000 },
        Recipe = new RecipeConfig
        {
            Name = "seed-a", Epochs = 50,
            Augment = new SpectrogramAugmentationOptions
            {
                TimeFlip = new TimeFlipOptions { P = 0.5f },
                SpecAugment = new SpecAugmentOptions { P = 0.7f, FreqMasks = 1, FreqMaskParam = 8, TimeMasks = 1, TimeMaskParam = 12 },
            },
        },
    };

    private static RunConfig KerasD() => new()
    {
        FrontEnd = new() { ["preset"] = "librosa" },
        Model = new ModelConfig { Name = "keras-cnn", Width = 32, EmbeddingSize = 128, Dropout = 0.3 },
        Recipe = new RecipeConfig
        {
            Name = "keras-d", Optimizer = OptimizerKind.Adam, Lr = 1e-3f, WeightDecay = 1e-4f, Schedule = ScheduleKind.Plateau, Epochs = 50,
            LabelSmoothing = 0f, Mix = new MixOptions(), EmaDecay = 0f, ClipGradNorm = 0f, EarlyStoppingPatience = 8, BestMetric = "accuracy",
            Augment = new SpectrogramAugmentationOptions
            {
                SpecAugment = new SpecAugmentOptions { P = 1f, FreqMasks = 1, FreqMaskParam = 15, TimeMasks = 1, TimeMaskParam = 25 },
            },
        },
    };

    private static RunConfig ResNetE() => new()
    {
        FrontEnd = new() { ["preset"] = "seed-audio" },
        Model = new ModelConfig { Name = "resnet-se", Width = 32, Depth = 3, EmbeddingSize = 256, Dropout = 0.3 },
        Recipe = new RecipeConfig
        {
            Name = "resnet-e", Optimizer = OptimizerKind.Adamw, Lr = 1e-3f, Schedule = ScheduleKind.Cosine, Epochs = 40, ClassWeights = "inverse",
            Augment = new SpectrogramAugmentationOptions
            {
                SpecAugment = new SpecAugmentOptions { P = 0.7f, FreqMasks = 2, FreqMaskParam = 8, TimeMasks = 2, TimeMaskParam = 12 },
            },
        },
    };

    private static RunConfig PannsC() => new()
    {
        FrontEnd = new() { ["preset"] = "panns32k" },
        Model = new ModelConfig { Name = "cnn14", Width = 16, Pooling = ClipPooling.Attention },
        Recipe = new RecipeConfig
        {
            Name = "panns-c", Optimizer = OptimizerKind.Adamw, Lr = 1e-3f, HeadLrMultiplier = 1f, Schedule = ScheduleKind.Cosine, WarmupEpochs = 1, Epochs = 30,
            Loss = LossKind.Bce, LabelSmoothing = 0f, ClipGradNorm = 5f, BalancedSampler = true, OversampleCap = 5f, BestMetric = "lwlrap",
            EarlyStoppingPatience = 6,
        },
    };

    // PANNs trained on 10 s AudioSet clips; shorter data runs faster with e.g. --set front_end.length.seconds=2.0
    private static Dictionary<string, object> PannsFrontEnd() => new()
    {
        ["preset"] = "panns32k",
        ["length"] = new Dictionary<string, object> { ["seconds"] = "10.0" },
    };

    private static RunConfig PannsFinetune() => new()
    {
        FrontEnd = PannsFrontEnd(),
        Model = new ModelConfig { Name = "cnn14" },
        Recipe = new RecipeConfig
        {
            Name = "panns-finetune", Optimizer = OptimizerKind.Adamw, Lr = 1e-4f, HeadLrMultiplier = 10f, FreezeEpochs = 2, Schedule = ScheduleKind.Cosine, WarmupEpochs = 0f,
            Epochs = 10, BatchSize = 16, LabelSmoothing = 0f, Mix = new MixOptions(), EmaDecay = 0f, ClipGradNorm = 5f,
            Augment = new SpectrogramAugmentationOptions
            {
                SpecAugment = new SpecAugmentOptions { P = 0.5f, FreqMasks = 2, FreqMaskParam = 8, TimeMasks = 2, TimeMaskParam = 32 },
            },
        },
    };

    private static RunConfig Probe() => new()
    {
        FrontEnd = PannsFrontEnd(),
        Model = new ModelConfig { Name = "cnn14" },
        Recipe = new RecipeConfig { Name = "probe", LinearProbe = true, Epochs = 1, LabelSmoothing = 0f, Augment = new SpectrogramAugmentationOptions() },
    };

    private static RunConfig MixupB() => new()
    {
        FrontEnd = new() { ["preset"] = "seed001" },
        Model = new ModelConfig { Name = "resnet-se", Width = 24, Depth = 3, EmbeddingSize = 256 },
        Recipe = new RecipeConfig
        {
            Name = "mixup-b", Optimizer = OptimizerKind.Adamw, Epochs = 22, Mix = new MixOptions { MixupAlpha = 0.4f, CutmixAlpha = 1f, Prob = 0.8f },
            BalancedSampler = true, BestMetric = "accuracy",
            Augment = PipelineBAugment(),
        },
    };

    // pipeline B's augmentation chain: SpecAugment with mean-filled masks, noise, random intensity, time-segment shuffling
    private static SpectrogramAugmentationOptions PipelineBAugment() => new()
    {
        RandomGain = new RandomGainOptions { MinGainDb = -3f, MaxGainDb = 3f },
        GaussianNoise = new NoiseOptions { MinSnrDb = 25f, MaxSnrDb = 40f },
        SegmentShuffle = new SegmentShuffleOptions { Segments = 4, P = 0.3f },
        SpecAugment = new SpecAugmentOptions { P = 0.7f, FreqMasks = 2, FreqMaskParam = 16, TimeMasks = 2, TimeMaskParam = 24, Fill = MaskFill.Mean },
    };

    /// <summary>
    /// Pipeline B as MISSION.md describes it, on a pretrained ImageNet backbone: pipeline B's 32 kHz 5 s log-mels
    /// (seed001) stacked to 3 channels and resized to 384 x 384, torchvision's EfficientNetV2-M with a new head, AdamW
    /// (head at 10x), cosine with one warm-up epoch, MixUp/CutMix, EMA, label smoothing, balanced sampling, best epoch
    /// by accuracy on a 7.5% split, and clean + 11 perturbed copies averaged at prediction.
    /// </summary>
    private static RunConfig FinetuneB() => new()
    {
        FrontEnd = new() { ["preset"] = "seed001" },
        Model = new ModelConfig { Name = "efficientnet-v2-m", ImageSize = 384, ImageChannels = ImageChannels.Repeat, ImageNormalization = InputNormalization.ImageNet },
        Data = new DataConfig { ValFraction = 0.075f },
        Tta = new TtaConfig { Perturbations = 11 },
        Recipe = new RecipeConfig
        {
            Name = "finetune-b", Optimizer = OptimizerKind.Adamw, Lr = 1e-4f, HeadLrMultiplier = 10f, WeightDecay = 1e-2f, Schedule = ScheduleKind.Cosine, WarmupEpochs = 1f,
            Epochs = 22, BatchSize = 16, LabelSmoothing = 0.1f, Mix = new MixOptions { MixupAlpha = 0.4f, CutmixAlpha = 1f, Prob = 0.8f }, EmaDecay = 0.999f,
            BalancedSampler = true, BestMetric = "accuracy", Augment = PipelineBAugment(),
        },
    };
}
