namespace Hark.Features.Augmentation;

/// <summary>What a SpecAugment mask writes: zero (torchaudio's default mask_value) or the mean of the masked sample's channel.</summary>
public enum MaskFill
{
    Zero,
    Mean,
}
