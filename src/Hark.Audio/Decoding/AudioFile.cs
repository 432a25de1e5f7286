using System.Buffers;

namespace Hark.Audio;

/// <summary>
/// Reads an audio file into a <see cref="Waveform"/> with soundfile's float32 scaling. The container is found from
/// the file's first bytes, never its extension: WAV (PCM / IEEE float) is decoded in managed code; FLAC, Ogg Vorbis,
/// MP3, AIFF and other WAV encodings go through libsndfile when it is installed. Every failure to decode is an
/// <see cref="AudioDecodeException"/> naming the file and the reason; I/O failures (missing file, no permission)
/// surface as the usual <see cref="IOException"/> / <see cref="UnauthorizedAccessException"/>.
/// </summary>
public static class AudioFile
{
    public static Waveform Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Decode(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads <paramref name="stream"/> to its end; <paramref name="name"/> labels errors.</summary>
    public static Waveform Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        if (stream is MemoryStream memory && memory.TryGetBuffer(out var segment))
        {
            var rest = segment.AsSpan((int)memory.Position);
            memory.Position = memory.Length;
            return Decode(rest, name);
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Decode(copy.GetBuffer().AsSpan(0, (int)copy.Length), name);
    }

    /// <summary>Decodes a whole file held in memory.</summary>
    public static Waveform Decode(ReadOnlySpan<byte> file, string name) => Decode(file, name, LibSndFile.Shared);

    /// <summary>Reads the file at <paramref name="path"/> and decodes it like <see cref="DecodeMonoRented"/> (dispose the result).</summary>
    public static RentedMonoSamples ReadMonoRented(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = ReadAllBytesRented(path, out int length);
        try { return DecodeMonoRented(bytes.AsSpan(0, length), path); }
        finally { ArrayPool<byte>.Shared.Return(bytes); }
    }

    /// <summary>
    /// The whole file in a buffer rented from <see cref="ArrayPool{T}.Shared"/> (return it), with its length: most clips are
    /// larger than the 85 KB large-object threshold, and a batch is otherwise dominated by allocating and collecting them.
    /// </summary>
    internal static byte[] ReadAllBytesRented(string path, out int length)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        long size = RandomAccess.GetLength(handle);
        if (size > Array.MaxLength) throw new IOException($"{path}: {size} bytes is too large to read");
        var buffer = ArrayPool<byte>.Shared.Rent((int)size);
        length = 0;
        try
        {
            while (length < size)
            {
                int read = RandomAccess.Read(handle, buffer.AsSpan(length, (int)size - length), length);
                if (read == 0) break;
                length += read;
            }
            return buffer;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>
    /// Decodes a whole file held in memory and averages its channels, like <see cref="Decode(ReadOnlySpan{byte}, string)"/>
    /// followed by <see cref="Waveform.ToMono"/>, into a pooled buffer when the file is decoded in managed code (see
    /// <see cref="RentedMonoSamples"/>; dispose it).
    /// </summary>
    public static RentedMonoSamples DecodeMonoRented(ReadOnlySpan<byte> file, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!file.IsEmpty && AudioFormatSniffer.Sniff(file) == AudioContainer.Wav
            && WavDecoder.TryDecodeMonoRented(file, name, out var rented, out int frames, out int sampleRate))
            return new RentedMonoSamples(rented, frames, sampleRate, rented: true);
        var mono = Decode(file, name).ToMono();
        return new RentedMonoSamples(mono.Samples, mono.Samples.Length, mono.SampleRate, rented: false);
    }

    /// <summary>Decodes with a given libsndfile binding, or with none (as on a machine without the library).</summary>
    internal static Waveform Decode(ReadOnlySpan<byte> file, string name, LibSndFile? libSndFile)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (file.IsEmpty) throw new AudioDecodeException(name, "empty file (0 bytes)");
        var container = AudioFormatSniffer.Sniff(file);
        switch (container)
        {
            case AudioContainer.Wav:
                var waveform = WavDecoder.TryDecode(file, name, out string encoding);
                return waveform ?? DecodeWithLibSndFile(file, name, $"WAV ({encoding})", libSndFile);
            case AudioContainer.Unknown:
                throw new AudioDecodeException(name,
                    $"not a recognised audio file ({AudioFormatSniffer.DescribeHead(file)}); expected WAV, FLAC, Ogg, MP3 or AIFF");
            default:
                return DecodeWithLibSndFile(file, name, DescribeContainer(container), libSndFile);
        }
    }

    private static Waveform DecodeWithLibSndFile(ReadOnlySpan<byte> file, string name, string formatName, LibSndFile? libSndFile)
    {
        var library = libSndFile
            ?? throw new AudioDecodeException(name,
                $"{formatName} needs libsndfile, which was not found (tried {string.Join(", ", LibSndFile.DefaultLibraryNames)}); {LibSndFile.InstallHint}");
        return library.Decode(file, name, formatName);
    }

    private static string DescribeContainer(AudioContainer container) => container switch
    {
        AudioContainer.WavRelative => "RIFX/RF64/Wave64",
        AudioContainer.Aiff => "AIFF",
        AudioContainer.Flac => "FLAC",
        AudioContainer.Ogg => "Ogg",
        AudioContainer.Mp3 => "MP3",
        _ => "AU/CAF",
    };
}
