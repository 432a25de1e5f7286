namespace Hark.Features.Augmentation;

/// <summary>Which batch mixing produced a <see cref="MixResult"/>.</summary>
public enum MixKind
{
    None,
    MixUp,
    CutMix,
}
