namespace Hark.Models;

/// <summary>What the backbone's image input is normalised with after resizing.</summary>
public enum InputNormalization
{
    /// <summary>(x - mean) / std per channel with ImageNet's statistics, as torchvision's and timm's pretrained weights expect.</summary>
    ImageNet,

    /// <summary>The image as it is.</summary>
    None,
}
