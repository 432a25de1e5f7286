namespace Hark.Models;

/// <summary>
/// torchvision's EfficientNetV2 (efficientnet_v2_s, efficientnet_v2_m): stages, the last 1x1 conv's width, classifier
/// dropout, stochastic-depth probability (rising linearly from 0 to it over the blocks) and batch-norm eps 1e-3.
/// <see cref="Scaled"/> makes narrower or shallower versions as torchvision's width_mult and depth_mult would.
/// </summary>
public sealed record EfficientNetV2Options
{
    public int Classes { get; init; } = 1000;
    public required IReadOnlyList<EfficientNetStage> Stages { get; init; }
    public int LastChannel { get; init; } = 1280;
    public double Dropout { get; init; } = 0.2;
    public double StochasticDepth { get; init; } = 0.2;
    public double BatchNormEps { get; init; } = 1e-3;

    /// <summary>Strided convs pad as TensorFlow's "same" (timm's tf_efficientnetv2_s/m ports) instead of torchvision's symmetric (kernel - 1) / 2.</summary>
    public bool TfSamePadding { get; init; }
    public ImageInputOptions Input { get; init; } = new();

    /// <summary>torchvision's efficientnet_v2_s: 21,458,488 parameters with 1000 classes.</summary>
    public static EfficientNetV2Options Small { get; } = new()
    {
        Stages =
        [
            new(true, 1, 3, 1, 24, 24, 2),
            new(true, 4, 3, 2, 24, 48, 4),
            new(true, 4, 3, 2, 48, 64, 4),
            new(false, 4, 3, 2, 64, 128, 6),
            new(false, 6, 3, 1, 128, 160, 9),
            new(false, 6, 3, 2, 160, 256, 15),
        ],
        Dropout = 0.2,
    };

    /// <summary>torchvision's efficientnet_v2_m: 54,139,356 parameters with 1000 classes.</summary>
    public static EfficientNetV2Options Medium { get; } = new()
    {
        Stages =
        [
            new(true, 1, 3, 1, 24, 24, 3),
            new(true, 4, 3, 2, 24, 48, 5),
            new(true, 4, 3, 2, 48, 80, 5),
            new(false, 4, 3, 2, 80, 160, 7),
            new(false, 6, 3, 1, 160, 176, 14),
            new(false, 6, 3, 2, 176, 304, 18),
            new(false, 6, 3, 1, 304, 512, 5),
        ],
        Dropout = 0.3,
    };

    /// <summary>
    /// Every channel count (the last conv's too) times <paramref name="width"/> rounded as torchvision's
    /// _make_divisible(c * width, 8), every stage's block count times <paramref name="depth"/> rounded up, as
    /// torchvision's MBConvConfig.adjust_depth.
    /// </summary>
    public EfficientNetV2Options Scaled(double width, double depth) => this with
    {
        Stages = Stages.Select(s => s with
        {
            InChannels = MakeDivisible(s.InChannels * width),
            OutChannels = MakeDivisible(s.OutChannels * width),
            Layers = (int)Math.Ceiling(s.Layers * depth),
        }).ToArray(),
        LastChannel = MakeDivisible(LastChannel * width),
    };

    /// <summary>torchvision's _make_divisible(v, 8): the nearest multiple of 8, at least 8, never below 90% of v.</summary>
    public static int MakeDivisible(double value, int divisor = 8)
    {
        int rounded = Math.Max(divisor, (int)(value + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * value ? rounded + divisor : rounded;
    }
}
