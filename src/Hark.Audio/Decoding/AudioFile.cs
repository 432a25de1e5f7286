using System.Buffers;
using Microsoft.Win32.SafeHandles;

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
    public static Waveform Read(string path) => Read(path, AudioReadOptions.Whole);

    /// <summary>Reads the file at <paramref name="path"/> within <paramref name="options"/>' limits.</summary>
    public static Waveform Read(string path, AudioReadOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Decode(File.ReadAllBytes(path), path, options);
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
    public static Waveform Decode(ReadOnlySpan<byte> file, string name) => Decode(file, name, LibSndFile.Shared, AudioReadOptions.Whole);

    /// <summary>Decodes a file held in memory within <paramref name="options"/>' limits.</summary>
    public static Waveform Decode(ReadOnlySpan<byte> file, string name, AudioReadOptions options) => Decode(file, name, LibSndFile.Shared, options);

    /// <summary>Reads the file at <paramref name="path"/> and decodes it like <see cref="DecodeMonoRented(ReadOnlySpan{byte}, string)"/> (dispose the result).</summary>
    public static RentedMonoSamples ReadMonoRented(string path) => ReadMonoRented(path, AudioReadOptions.Whole);

    // The bytes read first when only part of a file may be needed: enough for any WAV header seen in practice.
    private const int HeadBytes = 1 << 16;

    /// <summary>
    /// <see cref="ReadMonoRented(string)"/> within <paramref name="options"/>' limits. When they bound the frames needed, a
    /// WAV decoded in managed code is read with a seek: its headers, then only the data bytes of those frames.
    /// </summary>
    public static RentedMonoSamples ReadMonoRented(string path, AudioReadOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        long size = RandomAccess.GetLength(handle);
        if (options.LeadingFrames is not null || options.MaxDurationSeconds is not null)
        {
            var head = ArrayPool<byte>.Shared.Rent((int)Math.Min(size, HeadBytes));
            try
            {
                int length = ReadFully(handle, head.AsSpan(0, (int)Math.Min(size, HeadBytes)), 0);
                var headSpan = head.AsSpan(0, length);
                if (length == size) return DecodeMonoRented(headSpan, path, options);
                if (AudioFormatSniffer.Sniff(headSpan) == AudioContainer.Wav
                    && WavDecoder.TryReadMonoRented(handle, size, headSpan, path, options, out var rented, out int frames, out int sampleRate))
                    return new RentedMonoSamples(rented, frames, sampleRate, rented: true);
            }
            finally { ArrayPool<byte>.Shared.Return(head); }
        }
        var bytes = ReadAllBytesRented(handle, path, size, out int read);
        try { return DecodeMonoRented(bytes.AsSpan(0, read), path, options); }
        finally { ArrayPool<byte>.Shared.Return(bytes); }
    }

    /// <summary>
    /// How long the clip at <paramref name="path"/> lasts, in seconds: a WAV file's from its headers alone (its first
    /// 64 KiB), any other container's by decoding it.
    /// </summary>
    public static double Duration(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            long size = RandomAccess.GetLength(handle);
            var head = ArrayPool<byte>.Shared.Rent((int)Math.Min(size, HeadBytes));
            try
            {
                var headSpan = head.AsSpan(0, ReadFully(handle, head.AsSpan(0, (int)Math.Min(size, HeadBytes)), 0));
                if (AudioFormatSniffer.Sniff(headSpan) == AudioContainer.Wav && WavDecoder.TryReadDuration(headSpan, size, path) is { } seconds)
                    return seconds;
            }
            finally { ArrayPool<byte>.Shared.Return(head); }
        }
        using var mono = ReadMonoRented(path);
        return mono.Duration;
    }

    /// <summary>
    /// The whole file in a buffer rented from <see cref="ArrayPool{T}.Shared"/> (return it), with its length: most clips are
    /// larger than the 85 KB large-object threshold, and a batch is otherwise dominated by allocating and collecting them.
    /// </summary>
    internal static byte[] ReadAllBytesRented(string path, out int length)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        return ReadAllBytesRented(handle, path, RandomAccess.GetLength(handle), out length);
    }

    private static byte[] ReadAllBytesRented(SafeFileHandle handle, string path, long size, out int length)
    {
        if (size > Array.MaxLength) throw new IOException($"{path}: {size} bytes is too large to read");
        var buffer = ArrayPool<byte>.Shared.Rent((int)size);
        try
        {
            length = ReadFully(handle, buffer.AsSpan(0, (int)size), 0);
            return buffer;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    // Reads into destination from offset until it is full or the file ends; returns the bytes read.
    private static int ReadFully(SafeFileHandle handle, Span<byte> destination, long offset)
    {
        int length = 0;
        while (length < destination.Length)
        {
            int read = RandomAccess.Read(handle, destination[length..], offset + length);
            if (read == 0) break;
            length += read;
        }
        return length;
    }

    /// <summary>
    /// Decodes a whole file held in memory and averages its channels, like <see cref="Decode(ReadOnlySpan{byte}, string)"/>
    /// followed by <see cref="Waveform.ToMono"/>, into a pooled buffer when the file is decoded in managed code (see
    /// <see cref="RentedMonoSamples"/>; dispose it).
    /// </summary>
    public static RentedMonoSamples DecodeMonoRented(ReadOnlySpan<byte> file, string name) => DecodeMonoRented(file, name, AudioReadOptions.Whole);

    /// <summary><see cref="DecodeMonoRented(ReadOnlySpan{byte}, string)"/> within <paramref name="options"/>' limits.</summary>
    public static RentedMonoSamples DecodeMonoRented(ReadOnlySpan<byte> file, string name, AudioReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!file.IsEmpty && AudioFormatSniffer.Sniff(file) == AudioContainer.Wav
            && WavDecoder.TryDecodeMonoRented(file, name, options, out var rented, out int frames, out int sampleRate))
            return new RentedMonoSamples(rented, frames, sampleRate, rented: true);
        var mono = Decode(file, name, options).ToMono();
        return new RentedMonoSamples(mono.Samples, mono.Samples.Length, mono.SampleRate, rented: false);
    }

    /// <summary>Decodes with a given libsndfile binding, or with none (as on a machine without the library).</summary>
    internal static Waveform Decode(ReadOnlySpan<byte> file, string name, LibSndFile? libSndFile) => Decode(file, name, libSndFile, AudioReadOptions.Whole);

    private static Waveform Decode(ReadOnlySpan<byte> file, string name, LibSndFile? libSndFile, AudioReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (file.IsEmpty) throw new AudioDecodeException(name, "empty file (0 bytes)");
        var container = AudioFormatSniffer.Sniff(file);
        switch (container)
        {
            case AudioContainer.Wav:
                var waveform = WavDecoder.TryDecode(file, name, options, out string encoding);
                return waveform ?? DecodeWithLibSndFile(file, name, $"WAV ({encoding})", libSndFile, options);
            case AudioContainer.Unknown:
                throw new AudioDecodeException(name,
                    $"not a recognised audio file ({AudioFormatSniffer.DescribeHead(file)}); expected WAV, FLAC, Ogg, MP3 or AIFF");
            default:
                return DecodeWithLibSndFile(file, name, DescribeContainer(container), libSndFile, options);
        }
    }

    private static Waveform DecodeWithLibSndFile(ReadOnlySpan<byte> file, string name, string formatName, LibSndFile? libSndFile, AudioReadOptions options)
    {
        var library = libSndFile
            ?? throw new AudioDecodeException(name,
                $"{formatName} needs libsndfile, which was not found (tried {string.Join(", ", LibSndFile.DefaultLibraryNames)}); {LibSndFile.InstallHint}");
        return library.Decode(file, name, formatName, options);
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
