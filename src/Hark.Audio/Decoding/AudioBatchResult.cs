namespace Hark.Audio;

/// <summary>One file a batch read could not decode, and why.</summary>
public sealed record AudioFileError(string Path, string Reason, Exception Exception);

/// <summary>A file a batch read decoded.</summary>
public sealed record DecodedAudioFile(string Path, Waveform Waveform);

/// <summary>The outcome of <see cref="AudioBatchReader.ReadAll"/>: decoded files and errors, each in input order.</summary>
public sealed class AudioBatchResult(IReadOnlyList<DecodedAudioFile> decoded, IReadOnlyList<AudioFileError> errors)
{
    public IReadOnlyList<DecodedAudioFile> Decoded { get; } = decoded;
    public IReadOnlyList<AudioFileError> Errors { get; } = errors;
}
