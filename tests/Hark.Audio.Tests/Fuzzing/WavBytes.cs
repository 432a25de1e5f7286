using System.Buffers.Binary;

namespace Hark.Audio.Tests.Fuzzing;

/// <summary>
/// Canonical RIFF/WAVE files built in memory with any header values, honest or not: the crafted inputs of the decoding
/// tests and the fuzz corpus (a rate of 2^31 - 1, zero channels, a data size of 4 GiB, NaN samples).
/// </summary>
public static class WavBytes
{
    public const ushort Pcm = 1, IeeeFloat = 3;

    /// <summary>A fmt chunk of 16 bytes and a data chunk; <paramref name="declaredDataBytes"/> defaults to the true size.</summary>
    public static byte[] Build(ushort formatTag, int channels, uint sampleRate, int bitsPerSample, ReadOnlySpan<byte> data, uint? declaredDataBytes = null)
    {
        var bytes = new byte[44 + data.Length];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + data.Length));
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], formatTag);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], sampleRate);
        int blockAlign = channels * (bitsPerSample / 8);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(sampleRate * (ulong)blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], (ushort)bitsPerSample);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], declaredDataBytes ?? (uint)data.Length);
        data.CopyTo(span[44..]);
        return bytes;
    }

    /// <summary>IEEE float 32-bit samples (interleaved).</summary>
    public static byte[] Float32(ReadOnlySpan<float> samples, int channels = 1, uint sampleRate = 16000)
    {
        var data = new byte[samples.Length * 4];
        for (int i = 0; i < samples.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), samples[i]);
        return Build(IeeeFloat, channels, sampleRate, 32, data);
    }

    /// <summary>IEEE float 64-bit samples (interleaved).</summary>
    public static byte[] Float64(ReadOnlySpan<double> samples, int channels = 1, uint sampleRate = 16000)
    {
        var data = new byte[samples.Length * 8];
        for (int i = 0; i < samples.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8 * i), samples[i]);
        return Build(IeeeFloat, channels, sampleRate, 64, data);
    }

    /// <summary>16-bit PCM of <paramref name="samples"/> in [-1, 1] (interleaved).</summary>
    public static byte[] Pcm16(ReadOnlySpan<float> samples, int channels = 1, uint sampleRate = 16000)
    {
        var data = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(2 * i), (short)Math.Clamp(MathF.Round(samples[i] * 32767f), -32768f, 32767f));
        return Build(Pcm, channels, sampleRate, 16, data);
    }

    /// <summary>A 440 Hz tone of <paramref name="frames"/> frames at amplitude 0.5.</summary>
    public static float[] Tone(int frames, uint sampleRate = 16000)
    {
        var x = new float[frames];
        for (int i = 0; i < frames; i++) x[i] = 0.5f * MathF.Sin(2 * MathF.PI * 440 * i / sampleRate);
        return x;
    }
}
