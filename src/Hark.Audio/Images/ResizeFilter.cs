namespace Hark.Audio.Images;

/// <summary>How <see cref="ImageResize"/> interpolates; both match torch.nn.functional.interpolate(mode="bilinear", align_corners=False).</summary>
public enum ResizeFilter
{
    /// <summary>Two-tap bilinear: interpolate(..., antialias=False), torchvision's tensor resize with antialias=False.</summary>
    Bilinear,
    /// <summary>
    /// Bilinear with a triangle filter widened by the scale when shrinking: interpolate(..., antialias=True), the
    /// default of torchvision.transforms.v2.Resize and the float form of PIL's Image.resize(..., BILINEAR).
    /// </summary>
    BilinearAntialiased,
}
