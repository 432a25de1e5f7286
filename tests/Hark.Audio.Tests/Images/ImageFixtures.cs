using Hark.Audio.Tests.Decoding;
using Hark.Tensors;
using Hark.Tensors.Serialization;

namespace Hark.Audio.Tests.Images;

/// <summary>PNGs and expected pixels written by Fixtures/generate_decoding_fixtures.py (PIL's decode of each file).</summary>
public static class ImageFixtures
{
    public static string PngFolder => Path.Combine(DecodingFixtures.Folder, "png");

    public static string PngPath(string name) => Path.Combine(PngFolder, name);

    private static readonly Lazy<(Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata)> pngExpected =
        new(() => Load("png_expected.safetensors"));

    private static readonly Lazy<(Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata)> resizeExpected =
        new(() => Load("resize_expected.safetensors"));

    /// <summary>PIL's pixels [height, width, channels] and PIL's mode name for a fixture PNG.</summary>
    public static (Tensor Pixels, string Mode) Pil(string name) =>
        (pngExpected.Value.Tensors[name], pngExpected.Value.Metadata[name]["mode=".Length..]);

    public static Tensor Resize(string key) => resizeExpected.Value.Tensors[key];

    public static TheoryData<string> PngNames => new(Directory.GetFiles(PngFolder, "*.png").Select(Path.GetFileName).Select(n => n!).Order());

    private static (Dictionary<string, Tensor>, Dictionary<string, string>) Load(string file)
    {
        var tensors = SafeTensors.Read(File.ReadAllBytes(Path.Combine(DecodingFixtures.Folder, file)), out var metadata);
        return (tensors, metadata);
    }
}
