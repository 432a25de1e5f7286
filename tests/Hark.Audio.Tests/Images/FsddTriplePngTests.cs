using System.IO.Compression;
using System.Security.Cryptography;
using Hark.Audio.Images;
using Hark.Audio.Tests.Decoding;

namespace Hark.Audio.Tests.Images;

/// <summary>
/// Every PNG of ../shared/data/fsdd-triple-png decodes to exactly PIL's pixels: the SHA-256 of our RGB bytes equals
/// that of PIL's convert("RGB").tobytes(), digested by Fixtures/generate_decoding_fixtures.py.
/// </summary>
public class FsddTriplePngTests
{
    [SharedDataFact("fsdd-triple-png")]
    public void EveryPngMatchesPilsRgbBytes()
    {
        string root = SharedData.PathOf("fsdd-triple-png");
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(DecodingFixtures.Folder, "fsdd_triple_png_pil_rgb_sha256.csv.gz")), CompressionMode.Decompress);
        var expected = new StreamReader(gzip).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(',')).ToDictionary(f => f[0], f => f[1]);
        var found = Directory.GetFiles(root, "*.png", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')).Order().ToArray();
        Assert.Equal(expected.Keys.Order(), found);

        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(found, relative =>
        {
            var rgb = PngDecoder.Read(Path.Combine(root, relative)).ToRgbBytes8();
            string digest = Convert.ToHexStringLower(SHA256.HashData(rgb))[..16];
            if (digest != expected[relative]) mismatches.Add($"{relative}: {digest} != PIL {expected[relative]}");
        });
        Assert.True(mismatches.IsEmpty, $"{mismatches.Count} of {found.Length} PNGs differ from PIL: {string.Join("; ", mismatches.Take(5))}");
    }
}
