namespace Hark.Audio;

/// <summary>One file a batch could not decode, and why.</summary>
public sealed record AudioFileError(string Path, string Reason, Exception Exception);
