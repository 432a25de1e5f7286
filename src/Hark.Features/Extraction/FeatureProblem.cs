using Hark.Audio;
using Hark.Audio.Images;

namespace Hark.Features.Extraction;

/// <summary>A file that could not be turned into features: its path and why (the reason does not repeat the path).</summary>
public sealed record FeatureProblem(string Path, string Reason)
{
    /// <summary>The problem <paramref name="error"/> describes; <paramref name="path"/> names the file when the error does not.</summary>
    public static FeatureProblem From(string path, Exception error) => error switch
    {
        AudioDecodeException d => new FeatureProblem(d.FileName, d.Reason),
        ImageDecodeException i => new FeatureProblem(i.FileName, i.Reason),
        _ => new FeatureProblem(path, error.Message),
    };

    /// <summary>Whether <paramref name="error"/> is a problem of the input file (reported, skipped or fatal by policy) rather than a bug.</summary>
    public static bool IsInputError(Exception error) =>
        error is AudioDecodeException or ImageDecodeException or IOException or UnauthorizedAccessException or FormatException or ArgumentException;

    public override string ToString() => $"{Path}: {Reason}";
}
