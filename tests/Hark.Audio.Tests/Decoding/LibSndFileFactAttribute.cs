namespace Hark.Audio.Tests.Decoding;

/// <summary>A fact that needs libsndfile; skipped, saying so, on machines without it.</summary>
public sealed class LibSndFileFactAttribute : FactAttribute
{
    public LibSndFileFactAttribute()
    {
        if (LibSndFile.Shared is null) Skip = LibSndFileMissing.Reason;
    }
}

/// <summary>The theory form of <see cref="LibSndFileFactAttribute"/>.</summary>
public sealed class LibSndFileTheoryAttribute : TheoryAttribute
{
    public LibSndFileTheoryAttribute()
    {
        if (LibSndFile.Shared is null) Skip = LibSndFileMissing.Reason;
    }
}

internal static class LibSndFileMissing
{
    public static string Reason =>
        $"libsndfile not found (tried {string.Join(", ", LibSndFile.DefaultLibraryNames)}); {LibSndFile.InstallHint} to run the FLAC/Ogg/MP3/AIFF tests";
}
