using System.Text;

namespace Hark.Audio;

/// <summary>Identifies an audio container from its magic bytes, so a text file named .wav is caught before decoding.</summary>
public static class AudioFormatSniffer
{
    // Bytes 4..8 of Sony Wave64's RIFF GUID (the first four spell "riff").
    private static ReadOnlySpan<byte> Wave64RiffGuidTail => [0x2E, 0x91, 0xCF, 0x11];

    public static AudioContainer Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8)) return AudioContainer.Wav;
        if (head.Length >= 12 && (head.StartsWith("RIFX"u8) || head.StartsWith("RF64"u8)) && head[8..12].SequenceEqual("WAVE"u8))
            return AudioContainer.WavRelative;
        if (head.Length >= 16 && head.StartsWith("riff"u8) && head[4..8].SequenceEqual(Wave64RiffGuidTail)) return AudioContainer.WavRelative;
        if (head.Length >= 12 && head.StartsWith("FORM"u8) && (head[8..12].SequenceEqual("AIFF"u8) || head[8..12].SequenceEqual("AIFC"u8)))
            return AudioContainer.Aiff;
        if (head.StartsWith("fLaC"u8)) return AudioContainer.Flac;
        if (head.StartsWith("OggS"u8)) return AudioContainer.Ogg;
        if (head.StartsWith("ID3"u8) || IsMpegAudioFrameHeader(head)) return AudioContainer.Mp3;
        if (head.StartsWith(".snd"u8) || head.StartsWith("caff"u8)) return AudioContainer.OtherSndFile;
        return AudioContainer.Unknown;
    }

    /// <summary>A readable description of a file's first bytes, for "not an audio file" errors.</summary>
    public static string DescribeHead(ReadOnlySpan<byte> head)
    {
        var sample = head[..Math.Min(head.Length, 16)];
        bool printable = true;
        foreach (byte b in sample) printable &= b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r' or (byte)'\t';
        string hex = Convert.ToHexString(sample);
        if (!printable) return $"first bytes 0x{hex}";
        string text = Encoding.ASCII.GetString(sample).Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t");
        return $"first bytes \"{text}\" (looks like text)";
    }

    // An MPEG-1/2/2.5 audio frame header: 11 sync bits, a valid version, layer, bitrate and sample-rate index.
    private static bool IsMpegAudioFrameHeader(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4 || head[0] != 0xFF || (head[1] & 0xE0) != 0xE0) return false;
        int version = (head[1] >> 3) & 3, layer = (head[1] >> 1) & 3, bitrate = head[2] >> 4, rate = (head[2] >> 2) & 3;
        return version != 1 && layer != 0 && bitrate != 15 && rate != 3;
    }
}
