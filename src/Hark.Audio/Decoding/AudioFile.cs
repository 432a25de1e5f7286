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
