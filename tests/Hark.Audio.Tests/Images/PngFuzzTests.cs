using System.Buffers.Binary;
using Hark.Audio.Images;
using Hark.Audio.Tests.Decoding;
using Hark.Audio.Tests.Fuzzing;
using Hark.Tensors;

namespace Hark.Audio.Tests.Images;

/// <summary>
/// Damaged variants of every fixture PNG (seeded) each decode or raise an <see cref="ImageDecodeException"/>. Half the
/// variants get their chunk CRCs recomputed after the damage, so the damage reaches zlib, the filters and the palette
/// instead of stopping at the CRC check.
/// </summary>
public class PngFuzzTests
{
    private const int VariantsPerFile = 30;

    [Fact]
    public void DamagedPngsDecodeOrRaiseImageDecodeException()
    {
        var sources = Directory.GetFiles(ImageFixtures.PngFolder, "*.png").Order().Select(File.ReadAllBytes).ToArray();
        int decoded = 0, rejected = 0, rejectedPastCrc = 0;
        var unexpected = new List<string>();
        var run = Task.Run(() =>
        {
            var generator = new Generator(99);
            for (int f = 0; f < sources.Length; f++)
                for (int v = 0; v < VariantsPerFile; v++)
                {
                    var damaged = ByteMutator.Mutate(sources[f], generator);
                    bool crcFixed = v % 2 == 1;
                    if (crcFixed) RecomputeCrcs(damaged);
                    try
                    {
                        var image = PngDecoder.Decode(damaged, $"png{f}#{v}");
                        Assert.Equal((long)image.Width * image.Height * image.Channels, image.Samples.Length);
                        decoded++;
                    }
                    catch (ImageDecodeException e)
                    {
                        rejected++;
                        if (!e.Reason.StartsWith("CRC mismatch")) rejectedPastCrc++;
                    }
                    catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                    {
                        unexpected.Add($"png{f}#{v}: {e.GetType().Name}: {e.Message}");
                    }
                }
        });
        Assert.True(run.Wait(TimeSpan.FromMinutes(5)), "the fuzz run hung (no result within five minutes)");
        Assert.Empty(unexpected);
        Assert.True(decoded + rejected >= 1000, $"only {decoded + rejected} variants ran");
        Assert.True(decoded > 0 && rejectedPastCrc > 0, $"decoded {decoded}, rejected {rejected} ({rejectedPastCrc} past the CRC check)");
    }

    // Walks the chunk list as far as it is intact and rewrites each CRC to match the (damaged) chunk.
    private static void RecomputeCrcs(byte[] bytes)
    {
        for (int at = 8; at <= bytes.Length - 12;)
        {
            long length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
            if (at + 12 + length > bytes.Length) return;
            uint crc = Crc32.Compute(bytes.AsSpan(at + 4, 4 + (int)length));
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at + 8 + (int)length), crc);
            at += 12 + (int)length;
        }
    }
}
