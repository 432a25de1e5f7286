using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Hark.Audio;

/// <summary>
/// RIFF/WAVE in managed code: PCM 8 (unsigned) / 16 / 24 / 32-bit and IEEE float 32 / 64, plain or
/// WAVE_FORMAT_EXTENSIBLE, any channel count. Chunks may come in any order (LIST, fact, JUNK before fmt or data);
/// odd-sized chunks are padded as RIFF requires, and a missing pad byte is tolerated.
/// Tolerances, matching libsndfile (so soundfile reads the same samples): a data size of 0xFFFFFFFF (streaming
/// writers) or one running past the end of the file means "to the end of the file"; a trailing partial frame is
/// dropped; the RIFF size field is ignored. Other encodings (ADPCM, A-law, mu-law, ...) are reported as needing libsndfile.
/// </summary>
public static class WavDecoder
{
    private const ushort FormatPcm = 0x0001, FormatIeeeFloat = 0x0003, FormatExtensible = 0xFFFE;

    /// <summary>Decodes the file, or returns null with the encoding's name when only libsndfile can decode it.</summary>
    public static Waveform? TryDecode(ReadOnlySpan<byte> file, string name, out string unsupportedEncoding) =>
        TryDecode(file, name, AudioReadOptions.Whole, out unsupportedEncoding);

    /// <summary><see cref="TryDecode(ReadOnlySpan{byte}, string, out string)"/> within <paramref name="options"/>' limits.</summary>
    public static Waveform? TryDecode(ReadOnlySpan<byte> file, string name, AudioReadOptions options, out string unsupportedEncoding)
    {
        var layout = ReadLayout(file, name);
        unsupportedEncoding = layout.EncodingName;
        if (layout.Convert is null) return null;
        int frames = layout.FramesToDecode(name, options);
        var samples = new float[frames * layout.Channels];
        layout.Decode(file[layout.DataOffset..], frames, samples, name, options);
        return new Waveform(samples, layout.SampleRate, layout.Channels);
    }

    /// <summary>
    /// Decodes and downmixes like <see cref="TryDecode(ReadOnlySpan{byte}, string, AudioReadOptions, out string)"/> followed
    /// by <see cref="Waveform.ToMono"/>, into a buffer rented from <see cref="ArrayPool{T}.Shared"/> (the first
    /// <paramref name="frames"/> values); false, renting nothing, when only libsndfile can decode the file.
    /// </summary>
    internal static bool TryDecodeMonoRented(ReadOnlySpan<byte> file, string name, AudioReadOptions options, out float[] rented, out int frames, out int sampleRate)
    {
        var layout = ReadLayout(file, name);
        sampleRate = layout.SampleRate;
        rented = [];
        frames = 0;
        if (layout.Convert is null) return false;
        frames = layout.FramesToDecode(name, options);
        rented = DecodeMonoRented(layout, frames, file[layout.DataOffset..], name, options);
        return true;
    }

    /// <summary>
    /// Like <see cref="TryDecodeMonoRented(ReadOnlySpan{byte}, string, AudioReadOptions, out float[], out int, out int)"/>
    /// for a file opened as <paramref name="handle"/>, of which <paramref name="head"/> holds the first bytes: reads only the
    /// data bytes of the frames to decode. False, renting nothing, when the headers run past <paramref name="head"/> or only
    /// libsndfile can decode the file (the caller then reads the whole file).
    /// </summary>
    internal static bool TryReadMonoRented(SafeFileHandle handle, long fileLength, ReadOnlySpan<byte> head, string name,
        AudioReadOptions options, out float[] rented, out int frames, out int sampleRate)
    {
        rented = [];
        frames = sampleRate = 0;
        var layout = ReadLayout(head, fileLength, name);
        if (layout is null || layout.Convert is null) return false;
        sampleRate = layout.SampleRate;
        frames = layout.FramesToDecode(name, options);
        int length = frames * layout.Channels * layout.BytesPerSample;
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var data = bytes.AsSpan(0, length);
            for (int done = 0; done < length;)
            {
                int read = RandomAccess.Read(handle, data[done..], layout.DataOffset + (long)done);
                if (read == 0) throw new AudioDecodeException(name, $"truncated WAV: the file ended at byte {layout.DataOffset + (long)done} while its data was read");
                done += read;
            }
            rented = DecodeMonoRented(layout, frames, data, name, options);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>
    /// The duration a WAV file's headers declare (its data chunk's whole frames over its rate), read from
    /// <paramref name="head"/>, the file's first bytes; null when the headers run past them or only libsndfile knows how
    /// many bytes a frame takes (compressed encodings).
    /// </summary>
    internal static double? TryReadDuration(ReadOnlySpan<byte> head, long fileLength, string name) =>
        ReadLayout(head, fileLength, name) is { Convert: not null } layout
            ? (double)(layout.DataLength / ((long)layout.BytesPerSample * layout.Channels)) / layout.SampleRate
            : null;

    // Decodes and downmixes the first frames of data (the data chunk's bytes) into a rented buffer.
    private static float[] DecodeMonoRented(Layout layout, int frames, ReadOnlySpan<byte> data, string name, AudioReadOptions options)
    {
        int samples = frames * layout.Channels;
        var rented = ArrayPool<float>.Shared.Rent(samples);
        try { layout.Decode(data, frames, rented.AsSpan(0, samples), name, options); }
        catch
        {
            ArrayPool<float>.Shared.Return(rented);
            throw;
        }
        if (layout.Channels > 1) Waveform.Downmix(rented.AsSpan(0, samples), layout.Channels, rented.AsSpan(0, frames));
        return rented;
    }

    private delegate void SampleConverter(ReadOnlySpan<byte> source, Span<float> destination);

    private sealed record Layout(int Channels, int SampleRate, int BytesPerSample, string EncodingName,
        SampleConverter? Convert, int DataOffset, long DataLength)
    {
        /// <summary>
        /// The frames to decode within <paramref name="options"/>: the whole frames of the data chunk (a trailing partial
        /// frame is dropped), refused over the duration limit, cut to the leading frames needed.
        /// </summary>
        public int FramesToDecode(string name, AudioReadOptions options)
        {
            long frames = options.FramesToDecode(name, DataLength / ((long)BytesPerSample * Channels), SampleRate);
            if (frames * Channels > Array.MaxLength)
                throw new AudioDecodeException(name, $"{frames} frames x {Channels} channels is more samples than one array holds");
            DecodedAudioChecks.CheckNotEmpty(name, frames);
            return (int)frames;
        }

        /// <summary>
        /// Converts the first <paramref name="frames"/> frames of <paramref name="data"/> (the data chunk's bytes) into
        /// interleaved float samples; IEEE float data (the only encoding that can hold them) is checked for NaN and infinities.
        /// </summary>
        public void Decode(ReadOnlySpan<byte> data, int frames, Span<float> samples, string name, AudioReadOptions options)
        {
            Convert!(data[..(frames * BytesPerSample * Channels)], samples);
            if (EncodingName.EndsWith("IEEE float 32-bit") || EncodingName.EndsWith("IEEE float 64-bit")) DecodedAudioChecks.CheckSampleValues(name, samples, Channels, options);
        }
    }

    private static Layout ReadLayout(ReadOnlySpan<byte> file, string name) => ReadLayout(file, file.Length, name)!;

    // The layout from the first bytes of a file of fileLength bytes (head may be the whole file); null when the headers
    // run past head, so the caller must read more.
    private static Layout? ReadLayout(ReadOnlySpan<byte> head, long fileLength, string name)
    {
        if (fileLength < 12) throw new AudioDecodeException(name, $"truncated WAV header ({fileLength} bytes; a RIFF header needs 12)");
        bool whole = head.Length == fileLength;
        (int channels, int rate, int bytesPerSample, string encoding, SampleConverter? convert)? format = null;
        int dataOffset = -1;
        long dataLength = 0;
        long position = 12;
        while (position <= fileLength - 8)
        {
            if (position > head.Length - 8) return null;
            var id = head.Slice((int)position, 4);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(head[((int)position + 4)..]);
            int body = (int)position + 8;
            long available = fileLength - body;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16) throw new AudioDecodeException(name, $"WAV fmt chunk at byte {position} is {size} bytes; it needs at least 16");
                if (available < 16) throw new AudioDecodeException(name, $"truncated WAV: the fmt chunk at byte {position} runs past the end of the file");
                int fmtLength = (int)Math.Min(Math.Min(size, available), 1 << 16);
                if (body + fmtLength > head.Length) return null;
                format = ReadFormat(head.Slice(body, fmtLength), name);
            }
            else if (id.SequenceEqual("data"u8))
            {
                dataOffset = body;
                dataLength = size == uint.MaxValue || size > available ? available : size;
                if (dataLength == available) break;
            }
            long next = body + (long)size;
            if (next >= fileLength) break;
            // RIFF pads odd-sized chunks to an even length; some writers forget the pad byte.
            if (!whole && (size & 1) == 1 && head.Length < Math.Min(fileLength, next + 13)) return null;
            if ((size & 1) == 1 && (next + 1 > fileLength - 8 || !LooksLikeChunkId(head.Slice((int)next + 1, 4)))
                && next <= fileLength - 8 && LooksLikeChunkId(head.Slice((int)next, 4)))
                position = next;
            else
                position = next + (size & 1);
        }
        if (format is null) throw new AudioDecodeException(name, "WAV has no fmt chunk (truncated or not a WAV file)");
        if (dataOffset < 0) throw new AudioDecodeException(name, "WAV has no data chunk (truncated or not a WAV file)");
        var f = format.Value;
        return new Layout(f.channels, f.rate, f.bytesPerSample, f.encoding, f.convert, dataOffset, dataLength);
    }

    private static (int channels, int rate, int bytesPerSample, string encoding, SampleConverter? convert) ReadFormat(ReadOnlySpan<byte> fmt, string name)
    {
        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (channels == 0) throw new AudioDecodeException(name, "WAV fmt chunk declares 0 channels");
        DecodedAudioChecks.CheckSampleRate(name, rate);
        string container = "";
        if (tag == FormatExtensible)
        {
            if (fmt.Length < 40) throw new AudioDecodeException(name, $"WAVE_FORMAT_EXTENSIBLE fmt chunk is {fmt.Length} bytes; it needs 40");
            var guid = fmt.Slice(24, 16);
            if (!guid[4..].SequenceEqual(KsDataFormatGuidTail) && !guid[4..].SequenceEqual(AmbisonicGuidTail))
                return (channels, (int)rate, 1, $"WAVE_FORMAT_EXTENSIBLE sub-format {new Guid(guid)}", null);
            tag = (ushort)BinaryPrimitives.ReadUInt32LittleEndian(guid);
            container = "WAVE_FORMAT_EXTENSIBLE ";
        }
        int bytes = (bits + 7) / 8;
        (string encoding, SampleConverter? convert) = (tag, bytes) switch
        {
            (FormatPcm, 1) => ("PCM unsigned 8-bit", PcmConversion.Pcm8Unsigned),
            (FormatPcm, 2) => ("PCM 16-bit", PcmConversion.Pcm16),
            (FormatPcm, 3) => ("PCM 24-bit", PcmConversion.Pcm24),
            (FormatPcm, 4) => ("PCM 32-bit", PcmConversion.Pcm32),
            (FormatIeeeFloat, 4) when bits == 32 => ("IEEE float 32-bit", PcmConversion.Float32),
            (FormatIeeeFloat, 8) when bits == 64 => ("IEEE float 64-bit", PcmConversion.Float64),
            (FormatPcm or FormatIeeeFloat, _) => throw new AudioDecodeException(name,
                $"WAV {(tag == FormatPcm ? "PCM" : "IEEE float")} with {bits} bits per sample is not a valid encoding"),
            _ => ($"format tag 0x{tag:X4}", (SampleConverter?)null),
        };
        return (channels, (int)rate, convert is null ? 1 : bytes, container + encoding, convert);
    }

    // The last 12 bytes of KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT (xxxxxxxx-0000-0010-8000-00aa00389b71) and of the
    // ambisonic B-format sub-types (xxxxxxxx-0721-11d3-8644-c8c1ca000000) that libsndfile also writes.
    private static ReadOnlySpan<byte> KsDataFormatGuidTail => [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
    private static ReadOnlySpan<byte> AmbisonicGuidTail => [0x21, 0x07, 0xD3, 0x11, 0x86, 0x44, 0xC8, 0xC1, 0xCA, 0x00, 0x00, 0x00];

    private static bool LooksLikeChunkId(ReadOnlySpan<byte> id)
    {
        foreach (byte b in id) if (b is < 0x20 or > 0x7E) return false;
        return true;
    }
}
