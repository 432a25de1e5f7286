namespace Hark.Audio;

/// <summary>A file that could not be decoded: corrupt, truncated, empty, not audio, or needing a library that is absent.</summary>
public sealed class AudioDecodeException : Exception
{
    /// <summary>The path or name of the file, as the caller gave it.</summary>
    public string FileName { get; }

    /// <summary>Why it could not be decoded, without the file name.</summary>
    public string Reason { get; }

    public AudioDecodeException(string fileName, string reason, Exception? inner = null)
        : base($"{fileName}: {reason}", inner)
    {
        FileName = fileName;
        Reason = reason;
    }
}
