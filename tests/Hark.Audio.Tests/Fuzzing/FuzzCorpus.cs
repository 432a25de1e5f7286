using System.Buffers.Binary;
using System.Text;
using Hark.Tensors;

namespace Hark.Audio.Tests.Fuzzing;

/// <summary>
/// The deterministic fuzz corpus of issue 18, from the committed fixtures under tests/Hark.Audio.Tests/Fixtures/audio:
/// for each format family (WAV PCM16, WAV float32, FLAC, Ogg Vorbis, MP3) <c>perFormat</c> damaged copies of its seeds
/// (<see cref="ByteMutator"/>'s truncations, bit flips, extreme header fields, deletions, insertions, random tails, plus
/// splices of two files), then crafted files that must be refused (sample rates 0 to 2^32 - 1 outside 1-768 kHz, zero
/// channels, NaN and Inf float samples, every truncation of a FLAC, non-audio files, empty files) and crafted files that
/// must decode (odd rates inside the range, a data size of 4 GiB meaning "to the end"). The same seed gives the same files.
/// </summary>
public static class FuzzCorpus
{
    /// <summary>The seed files of each format family; libsndfile formats only when the library is installed.</summary>
    public static IReadOnlyList<(string Format, string[] Seeds)> Families(bool withLibSndFile)
    {
        var families = new List<(string, string[])>
        {
            ("wav_pcm16", ["wav_s16_1ch.wav", "wav_s16_2ch.wav", "wav_s16_6ch.wav", "wavex_s16_2ch.wav"]),
            ("wav_float32", ["wav_f32_2ch.wav", "wavex_f32_2ch.wav"]),
        };
        if (withLibSndFile)
        {
            families.Add(("flac", ["sndfile_pcm16_2ch.flac", "sndfile_pcm24_1ch.flac"]));
            families.Add(("ogg", ["sndfile_vorbis_2ch.ogg"]));
            families.Add(("mp3", ["sndfile_mp3_1ch.mp3"]));
        }
        return families;
    }

    public static IEnumerable<FuzzCase> Generate(string fixtureFolder, int perFormat, ulong seed, bool withLibSndFile)
    {
        var generator = new Generator(seed);
        var families = Families(withLibSndFile)
            .Select(f => (f.Format, Seeds: f.Seeds.Select(s => (Name: s, Bytes: File.ReadAllBytes(Path.Combine(fixtureFolder, s)))).ToArray()))
            .ToArray();
        var everySeed = families.SelectMany(f => f.Seeds).ToArray();
        foreach (var (format, seeds) in families)
            for (int i = 0; i < perFormat; i++)
            {
                var (name, bytes) = seeds[generator.NextInt(seeds.Length)];
                if (generator.NextInt(8) == 0)
                {
                    var other = everySeed[generator.NextInt(everySeed.Length)].Bytes;
                    int cut = generator.NextInt(bytes.Length + 1), from = generator.NextInt(other.Length + 1);
                    yield return new FuzzCase($"{format}-{i:D4}-splice-{Path.GetFileNameWithoutExtension(name)}{Path.GetExtension(name)}", format,
                        [.. bytes[..cut], .. other[from..]], MustRefuse: false);
                }
                else
                    yield return new FuzzCase($"{format}-{i:D4}-mutated-{name}", format, ByteMutator.Mutate(bytes, generator), MustRefuse: false);
            }
        foreach (var crafted in Crafted(fixtureFolder, withLibSndFile)) yield return crafted;
    }

    private static IEnumerable<FuzzCase> Crafted(string fixtureFolder, bool withLibSndFile)
    {
        var tone = WavBytes.Tone(1600);
        foreach (uint rate in new uint[] { 0, 1, 999, 768_001, 1_000_003, 10_000_019, 999_999_937, int.MaxValue, 0x80000000, uint.MaxValue })
            yield return new FuzzCase($"crafted-rate-{rate}.wav", "crafted", WavBytes.Pcm16(tone, sampleRate: rate), MustRefuse: true);
        foreach (uint rate in new uint[] { 1000, 1009, 8000, 44_056, 47_999, 767_999, 768_000 })
            yield return new FuzzCase($"crafted-odd-rate-{rate}.wav", "crafted", WavBytes.Pcm16(tone, sampleRate: rate), MustRefuse: false);
        var pcm = WavBytes.Pcm16(tone);
        yield return new FuzzCase("crafted-zero-channels.wav", "crafted", WavBytes.Build(WavBytes.Pcm, 0, 16000, 16, pcm.AsSpan(44)), MustRefuse: true);
        yield return new FuzzCase("crafted-zero-bits.wav", "crafted", WavBytes.Build(WavBytes.Pcm, 1, 16000, 0, pcm.AsSpan(44)), MustRefuse: true);
        yield return new FuzzCase("crafted-no-data.wav", "crafted", WavBytes.Build(WavBytes.Pcm, 1, 16000, 16, []), MustRefuse: true);
        foreach (uint size in new uint[] { uint.MaxValue, 0x7FFFFFFF, 0x80000000 })
            yield return new FuzzCase($"crafted-data-size-{size:X8}.wav", "crafted", WavBytes.Build(WavBytes.Pcm, 1, 16000, 16, pcm.AsSpan(44), size), MustRefuse: false);
        yield return new FuzzCase("crafted-65535-channels.wav", "crafted", WavBytes.Build(WavBytes.Pcm, 65535, 16000, 16, pcm.AsSpan(44)), MustRefuse: true);
        foreach (int at in new[] { 0, 1, 799, 1599 })
            foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
            {
                var samples = (float[])tone.Clone();
                samples[at] = bad;
                yield return new FuzzCase($"crafted-f32-{Spell(bad)}-at-{at}.wav", "crafted", WavBytes.Float32(samples), MustRefuse: true);
                var wide = samples.Select(x => (double)x).ToArray();
                yield return new FuzzCase($"crafted-f64-{Spell(bad)}-at-{at}.wav", "crafted", WavBytes.Float64(wide), MustRefuse: true);
            }
        var loud = (float[])tone.Clone();
        loud[5] = 3.99e30f;
        yield return new FuzzCase("crafted-f32-beyond-2-to-the-32.wav", "crafted", WavBytes.Float32(loud), MustRefuse: true);
        var huge = tone.Select(x => (double)x).ToArray();
        huge[100] = 1e300;
        yield return new FuzzCase("crafted-f64-beyond-float32.wav", "crafted", WavBytes.Float64(huge), MustRefuse: true);
        if (withLibSndFile)
        {
            var flac = File.ReadAllBytes(Path.Combine(fixtureFolder, "sndfile_pcm16_2ch.flac"));
            for (int k = 1; k <= 40; k++)
            {
                int keep = flac.Length * k / 41;
                yield return new FuzzCase($"crafted-flac-truncated-{keep}.flac", "crafted", flac[..keep], MustRefuse: true);
            }
        }
        yield return new FuzzCase("crafted-empty.wav", "crafted", [], MustRefuse: true);
        yield return new FuzzCase("crafted-text.wav", "crafted", Encoding.UTF8.GetBytes("these are meeting notes, not a recording\n"), MustRefuse: true);
        yield return new FuzzCase("crafted-json.flac", "crafted", Encoding.UTF8.GetBytes("{\"label\": \"dog\", \"path\": \"../../etc/shadow\"}"), MustRefuse: true);
        yield return new FuzzCase("crafted-png.wav", "crafted", [0x89, .. "PNG\r\n\x1a\n"u8, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0], MustRefuse: true);
        yield return new FuzzCase("crafted-zip.mp3", "crafted", [.. "PK\x03\x04"u8, .. new byte[60]], MustRefuse: true);
        yield return new FuzzCase("crafted-elf.ogg", "crafted", [0x7F, .. "ELF"u8, 2, 1, 1, .. new byte[57]], MustRefuse: true);
        yield return new FuzzCase("crafted-riff-avi.wav", "crafted", [.. "RIFF"u8, 0, 1, 0, 0, .. "AVI LIST"u8, .. new byte[40]], MustRefuse: true);
        yield return new FuzzCase("crafted-riff-only.wav", "crafted", [.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8], MustRefuse: true);
        var random = new Generator(18);
        for (int i = 0; i < 10; i++)
        {
            var noise = new byte[1 + random.NextInt(4096)];
            for (int j = 0; j < noise.Length; j++) noise[j] = (byte)random.NextInt(256);
            noise[0] = (byte)(noise[0] & 0x7F); // never an MPEG sync byte, so the file is not audio by construction
            yield return new FuzzCase($"crafted-random-{i}.wav", "crafted", noise, MustRefuse: true);
        }
    }

    private static string Spell(float value) => float.IsNaN(value) ? "nan" : value > 0 ? "posinf" : "neginf";
}
