using System.Buffers.Binary;

namespace Hark.Audio.Export;

/// <summary>Writes canonical 16-bit PCM WAV files (the format every audio tool reads), clipping samples to [-1, 1].</summary>
public static class WavWriter
{
    /// <summary>Writes interleaved <paramref name="samples"/> with <paramref name="channels"/> channels at <paramref name="sampleRate"/> Hz.</summary>
    public static void WritePcm16(string path, ReadOnlySpan<float> samples, int sampleRate, int channels = 1)
    {
        using var stream = File.Create(path);
        WritePcm16(stream, samples, sampleRate, channels);
    }

    public static void WritePcm16(Stream stream, ReadOnlySpan<float> samples, int sampleRate, int channels = 1)
    {
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "at least one channel");
        if (sampleRate < 1) throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "sample rate must be positive");
        if (samples.Length % channels != 0) throw new ArgumentException($"{samples.Length} samples do not divide into {channels} channels");
        int dataBytes = checked(samples.Length * 2);
        var header = new byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(22), (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(28), sampleRate * channels * 2);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(32), (short)(channels * 2));
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(34), 16);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(40), dataBytes);
        stream.Write(header);
        var data = new byte[dataBytes];
        for (int i = 0; i < samples.Length; i++)
        {
            float clipped = Math.Clamp(samples[i], -1f, 1f);
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(2 * i), (short)Math.Round(clipped * 32767f));
        }
        stream.Write(data);
    }
}
