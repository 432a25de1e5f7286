namespace Hark.Features.Augmentation;

/// <summary>
/// The per-sample spectrogram augmentations of a recipe; a null entry is off. <see cref="SpectrogramAugmentations"/>
/// applies them in a fixed order: gain, noise, time shift, segment shuffle, time flip, SpecAugment (masks last, so a
/// mask keeps its fill value).
/// </summary>
public sealed record SpectrogramAugmentationOptions
{
    public RandomGainOptions? RandomGain { get; init; }
    public GaussianNoiseOptions? GaussianNoise { get; init; }
    public TimeShiftOptions? TimeShift { get; init; }
    public SegmentShuffleOptions? SegmentShuffle { get; init; }
    public TimeFlipOptions? TimeFlip { get; init; }
    public SpecAugmentOptions? SpecAugment { get; init; }
}
